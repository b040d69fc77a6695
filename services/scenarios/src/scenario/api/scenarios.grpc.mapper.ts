import type { ValidationIssue } from '@zvonar/scenario-runtime';
import type { PublishedVersion, Scenario } from '../domain/scenario';
import type { VersionDiff } from '../domain/version-diff';
import { scenariosV1 } from './scenarios.proto';

const statuses = {
  Active: scenariosV1.ScenarioStatus.SCENARIO_STATUS_ACTIVE,
  Archived: scenariosV1.ScenarioStatus.SCENARIO_STATUS_ARCHIVED,
} as const;

export const toProtoScenario = (scenario: Scenario, issues: readonly ValidationIssue[]): scenariosV1.Scenario => ({
  scenarioId: scenario.scenarioId,
  projectId: scenario.projectId,
  name: scenario.name,
  status: statuses[scenario.status],
  draftGraphJson: JSON.stringify(scenario.draft),
  draftRevision: scenario.draftRevision,
  draftIssues: issues.map((issue) => ({
    nodeId: issue.nodeId,
    cardId: issue.cardId ?? '',
    code: issue.code,
    message: issue.message,
  })),
  latestVersion: scenario.latestVersion,
  createdAt: scenario.createdAt,
  updatedAt: scenario.updatedAt,
});

export const toProtoVersion = (version: PublishedVersion, withGraph = true): scenariosV1.ScenarioVersion => ({
  scenarioId: version.scenarioId,
  version: version.version,
  graphJson: withGraph ? JSON.stringify(version.graph) : '',
  draftRevision: version.draftRevision,
  publishedAt: version.publishedAt,
  nodeCount: version.nodeCount,
});

export const toProtoDiff = (diff: VersionDiff): scenariosV1.DiffVersionsResponse => ({ ...diff });

/** Page tokens are opaque to clients: base64url of the store's cursor. */
export const encodePageToken = (cursor: string | undefined): string =>
  cursor === undefined ? '' : Buffer.from(cursor, 'utf8').toString('base64url');
export const decodePageToken = (token: string): string | undefined =>
  token === '' ? undefined : Buffer.from(token, 'base64url').toString('utf8');
