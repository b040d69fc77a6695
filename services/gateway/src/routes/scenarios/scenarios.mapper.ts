import type { scenariosV1 } from '@zvonar/proto-ts';
import type { RouteOutput } from '../../http/route';
import { enumName, isoTime, parseJson } from '../../http/wire';
import type * as routes from './scenarios.routes';

type Scenario = RouteOutput<typeof routes.getScenario>;
type Version = RouteOutput<typeof routes.getVersion>;
type Graph = Scenario['draftGraph'];

const graphOf = (json: string): Graph => parseJson(json) as Graph;

/** A graph object → the JSON text the service keeps; absent → empty (the service's default). */
export const graphJson = (graph: Record<string, unknown> | undefined): string => (graph === undefined ? '' : JSON.stringify(graph));

export const scenarioOf = (scenario: scenariosV1.Scenario | undefined): Scenario => {
  if (!scenario) throw new Error('scenarios answered without a scenario');
  return {
    scenarioId: scenario.scenarioId,
    projectId: scenario.projectId,
    name: scenario.name,
    status: enumName(scenario.status, 'SCENARIO_STATUS_') as Scenario['status'],
    draftGraph: graphOf(scenario.draftGraphJson),
    draftRevision: scenario.draftRevision,
    draftIssues: scenario.draftIssues.map(({ nodeId, cardId, code, message }) => ({ nodeId, cardId, code, message })),
    latestVersion: scenario.latestVersion,
    createdAt: isoTime(scenario.createdAt),
    updatedAt: isoTime(scenario.updatedAt),
  };
};

export const versionOf = (version: scenariosV1.ScenarioVersion | undefined): Version => {
  if (!version) throw new Error('scenarios answered without a version');
  return {
    scenarioId: version.scenarioId,
    version: version.version,
    graph: graphOf(version.graphJson),
    draftRevision: version.draftRevision,
    publishedAt: isoTime(version.publishedAt),
    nodeCount: version.nodeCount,
  };
};

const entries = (list: scenariosV1.DiffEntry[]) => list.map(({ nodeId, cardId, label, targetNodeId }) => ({ nodeId, cardId, label, targetNodeId }));

export const diffOf = (diff: scenariosV1.DiffVersionsResponse): RouteOutput<typeof routes.diffVersions> => ({
  nodesAdded: entries(diff.nodesAdded),
  nodesRemoved: entries(diff.nodesRemoved),
  nodesChanged: entries(diff.nodesChanged),
  cardsAdded: entries(diff.cardsAdded),
  cardsRemoved: entries(diff.cardsRemoved),
  cardsChanged: entries(diff.cardsChanged),
  edgesAdded: entries(diff.edgesAdded),
  edgesRemoved: entries(diff.edgesRemoved),
});

export const transcriptOf = (answer: scenariosV1.SimulateResponse): RouteOutput<typeof routes.simulate> => ({
  transcript: answer.transcript.map((entry) => ({
    atMs: entry.atMs,
    actor: enumName(entry.actor, 'TRANSCRIPT_ACTOR_') as 'bot' | 'caller' | 'network',
    type: entry.type,
    summary: entry.summary,
    detail: parseJson(entry.detailJson),
  })),
  finished: answer.finished,
});
