import { scenariosV1, scenariosV1Package } from '@zvonar/proto-ts';
import { z } from 'zod';
import { page, pageQuery } from '../../http/paging';
import { defineRoute, type RouteRpc } from '../../http/route';
import { dateTime, id, jsonObject } from '../../http/wire';

const TAG = 'scenarios';

/** The RPC of ScenariosService a route calls (and the public gRPC API serves). */
const scenariosRpc = (method: string): RouteRpc => ({ upstream: 'scenarios', grpcPackage: scenariosV1Package, service: scenariosV1.SCENARIOS_SERVICE_NAME, method });

const graph = () => jsonObject('The graph as the editor\'s document: {"startNodeId": ..., "nodes": [...]}');
const scenarioParams = z.strictObject({ scenarioId: id('The scenario') });
const versionParams = z.strictObject({ scenarioId: id('The scenario'), version: z.coerce.number().int().min(1).describe('Version number') });
const revision = (description: string) => z.number().int().min(0).describe(description);

const issue = z.object({
  nodeId: z.string(),
  cardId: z.string().describe('Empty when the whole node breaks the rule'),
  code: z.string().describe('Stable rule name (PATH_NOT_TERMINATED, ...)'),
  message: z.string(),
});

export const scenario = z.object({
  scenarioId: z.string(),
  projectId: z.string(),
  name: z.string(),
  status: z.enum(['active', 'archived']),
  draftGraph: graph().nullable(),
  draftRevision: z.number().int().describe('Pass as expectedRevision to change the draft again'),
  draftIssues: z.array(issue).describe('Rules the draft breaks now; empty when it can be published'),
  latestVersion: z.number().int().describe('0 when nothing was published'),
  createdAt: dateTime().nullable(),
  updatedAt: dateTime().nullable(),
});

const version = z.object({
  scenarioId: z.string(),
  version: z.number().int(),
  graph: graph().nullable().describe('The graph exactly as published; null in lists'),
  draftRevision: z.number().int(),
  publishedAt: dateTime().nullable(),
  nodeCount: z.number().int(),
});

const diffEntry = z.object({ nodeId: z.string(), cardId: z.string(), label: z.string(), targetNodeId: z.string() });

export const createScenario = defineRoute({
  method: 'POST',
  path: '/api/v1/projects/:projectId/scenarios',
  operationId: 'createScenario',
  rpc: scenariosRpc('CreateScenario'),
  tag: TAG,
  summary: 'Create a scenario with a draft (the given graph, or a start node that hangs up)',
  access: 'authenticated',
  scope: 'scenarios.write',
  params: z.strictObject({ projectId: id('The project') }),
  body: z.strictObject({ name: z.string().min(1).max(200), graph: graph().optional() }),
  response: scenario,
  status: 201,
  problems: [403, 404],
});

export const listScenarios = defineRoute({
  method: 'GET',
  path: '/api/v1/projects/:projectId/scenarios',
  operationId: 'listScenarios',
  rpc: scenariosRpc('ListScenarios'),
  tag: TAG,
  summary: "A project's scenarios, oldest first",
  access: 'authenticated',
  scope: 'scenarios.read',
  params: z.strictObject({ projectId: id('The project') }),
  query: z.strictObject({
    ...pageQuery,
    includeArchived: z.enum(['true', 'false']).optional().describe('Also list archived scenarios'),
  }),
  response: page(scenario),
  status: 200,
  problems: [403, 404],
});

export const getScenario = defineRoute({
  method: 'GET',
  path: '/api/v1/scenarios/:scenarioId',
  operationId: 'getScenario',
  rpc: scenariosRpc('GetScenario'),
  tag: TAG,
  summary: 'A scenario with its draft and the rules the draft breaks',
  access: 'authenticated',
  scope: 'scenarios.read',
  params: scenarioParams,
  response: scenario,
  status: 200,
  problems: [403, 404],
});

export const updateDraft = defineRoute({
  method: 'PUT',
  path: '/api/v1/scenarios/:scenarioId/draft',
  operationId: 'updateScenarioDraft',
  rpc: scenariosRpc('UpdateDraft'),
  tag: TAG,
  summary: 'Save the draft (even one that breaks publishing rules) and/or rename the scenario',
  access: 'authenticated',
  scope: 'scenarios.write',
  params: scenarioParams,
  body: z.strictObject({
    expectedRevision: revision('The draftRevision the editor started from; another current revision is 409'),
    graph: graph().optional(),
    name: z.string().min(1).max(200).optional(),
  }),
  response: scenario,
  status: 200,
  problems: [403, 404, 409],
});

export const copyScenario = defineRoute({
  method: 'POST',
  path: '/api/v1/scenarios/:scenarioId/copy',
  operationId: 'copyScenario',
  rpc: scenariosRpc('CopyScenario'),
  tag: TAG,
  summary: "Copy a scenario's draft into a new scenario of the same project",
  access: 'authenticated',
  scope: 'scenarios.write',
  params: scenarioParams,
  body: z.strictObject({ name: z.string().min(1).max(200).optional() }),
  response: scenario,
  status: 201,
  problems: [403, 404],
});

export const archiveScenario = defineRoute({
  method: 'POST',
  path: '/api/v1/scenarios/:scenarioId/archive',
  operationId: 'archiveScenario',
  rpc: scenariosRpc('ArchiveScenario'),
  tag: TAG,
  summary: 'Archive a scenario: hidden from the default list, read-only, versions stay pinned',
  access: 'authenticated',
  scope: 'scenarios.write',
  params: scenarioParams,
  response: scenario,
  status: 200,
  problems: [403, 404],
});

export const publishVersion = defineRoute({
  method: 'POST',
  path: '/api/v1/scenarios/:scenarioId/versions',
  operationId: 'publishScenarioVersion',
  rpc: scenariosRpc('PublishVersion'),
  tag: TAG,
  summary: 'Publish the draft as the next immutable version, if it passes every rule',
  description: 'A draft that breaks rules is 422 with one error per rule, field "graph.nodes[<nodeId>]..."',
  access: 'authenticated',
  scope: 'scenarios.write',
  params: scenarioParams,
  body: z.strictObject({ expectedRevision: revision('The draftRevision reviewed; 0 or absent publishes the draft as it is now').optional() }),
  response: version,
  status: 201,
  problems: [403, 404, 409],
});

export const listVersions = defineRoute({
  method: 'GET',
  path: '/api/v1/scenarios/:scenarioId/versions',
  operationId: 'listScenarioVersions',
  rpc: scenariosRpc('ListVersions'),
  tag: TAG,
  summary: "A scenario's published versions, newest first (without graphs)",
  access: 'authenticated',
  scope: 'scenarios.read',
  params: scenarioParams,
  query: z.strictObject(pageQuery),
  response: page(version),
  status: 200,
  problems: [403, 404],
});

export const getVersion = defineRoute({
  method: 'GET',
  path: '/api/v1/scenarios/:scenarioId/versions/:version',
  operationId: 'getScenarioVersion',
  rpc: scenariosRpc('GetVersion'),
  tag: TAG,
  summary: 'One published version with its graph',
  access: 'authenticated',
  scope: 'scenarios.read',
  params: versionParams,
  response: version,
  status: 200,
  problems: [403, 404],
});

export const diffVersions = defineRoute({
  method: 'GET',
  path: '/api/v1/scenarios/:scenarioId/diff',
  operationId: 'diffScenarioVersions',
  rpc: scenariosRpc('DiffVersions'),
  tag: TAG,
  summary: 'Compare two published versions: nodes, cards and edges added, removed and changed',
  access: 'authenticated',
  scope: 'scenarios.read',
  params: scenarioParams,
  query: z.strictObject({
    from: z.coerce.number().int().min(1).describe('The older version'),
    to: z.coerce.number().int().min(1).describe('The newer version'),
  }),
  response: z.object({
    nodesAdded: z.array(diffEntry),
    nodesRemoved: z.array(diffEntry),
    nodesChanged: z.array(diffEntry),
    cardsAdded: z.array(diffEntry),
    cardsRemoved: z.array(diffEntry),
    cardsChanged: z.array(diffEntry),
    edgesAdded: z.array(diffEntry),
    edgesRemoved: z.array(diffEntry),
  }),
  status: 200,
  problems: [403, 404],
});

export const restoreVersion = defineRoute({
  method: 'POST',
  path: '/api/v1/scenarios/:scenarioId/versions/:version/restore',
  operationId: 'restoreScenarioVersion',
  rpc: scenariosRpc('RestoreVersion'),
  tag: TAG,
  summary: "Replace the draft with a published version's graph",
  access: 'authenticated',
  scope: 'scenarios.write',
  params: versionParams,
  body: z.strictObject({ expectedRevision: revision('The draftRevision the editor started from') }),
  response: scenario,
  status: 200,
  problems: [403, 404, 409],
});

const turn = z
  .strictObject({
    dtmf: z.string().min(1).max(32).optional().describe('Keys pressed ("1", "123#")'),
    say: z.string().min(1).max(1000).optional().describe('Words said'),
    silence: z.literal(true).optional().describe('Says nothing, so the wait runs out'),
    interrupt: z.boolean().optional().describe('Speak over the prompt (barge-in)'),
  })
  .refine((value) => [value.dtmf, value.say, value.silence].filter((part) => part !== undefined).length === 1, {
    message: 'Exactly one of dtmf, say, silence',
  });

export const simulate = defineRoute({
  method: 'POST',
  path: '/api/v1/scenarios/:scenarioId/simulate',
  operationId: 'simulateScenario',
  rpc: scenariosRpc('Simulate'),
  tag: TAG,
  summary: 'Run the draft or a version as a text conversation and return the transcript',
  access: 'authenticated',
  scope: 'scenarios.read',
  params: scenarioParams,
  body: z.strictObject({
    version: z.number().int().min(0).optional().describe('The version to run; 0 or absent runs the draft'),
    contact: z
      .strictObject({
        name: z.string().max(200).default(''),
        phone: z.string().max(32).default(''),
        fields: z.record(z.string(), z.string()).default({}),
      })
      .optional(),
    turns: z.array(turn).max(100).default([]),
    answeringMachine: z.boolean().optional(),
  }),
  response: z.object({
    transcript: z.array(
      z.object({
        atMs: z.number().int(),
        actor: z.enum(['bot', 'caller', 'network']),
        type: z.string(),
        summary: z.string(),
        detail: z.unknown(),
      }),
    ),
    finished: z.boolean(),
  }),
  status: 200,
  problems: [403, 404],
});
