import { ValidationError } from '@zvonar/eventsourcing';
import type { Locale, ValidationIssue } from '@zvonar/scenario-runtime';
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

/** The cursors this service issues: a scenario id (scenarios list) or a version number (versions list). */
export const pageCursors = {
  scenarioId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  version: /^[1-9][0-9]{0,8}$/,
} as const;

const invalidPageToken = {
  ru: 'Недействительный токен страницы: передайте nextPageToken предыдущей страницы',
  en: 'The page token is not valid: pass the nextPageToken of the previous page',
} as const;

/**
 * The store's cursor from a page token. A token this service did not issue is a field error: fed
 * to the store as is, it made PostgreSQL fail on the query ("NaN" as an integer), a 500 where the
 * client's input was wrong.
 */
export function decodePageToken(token: string, cursor: RegExp, locale: Locale): string | undefined {
  if (token === '') return undefined;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  // base64url decoding skips characters outside its alphabet, so a token must also re-encode to itself
  if (encodePageToken(decoded) === token && cursor.test(decoded)) return decoded;
  throw new ValidationError(invalidPageToken[locale], [
    { field: 'page.page_token', code: 'INVALID_PAGE_TOKEN', message: invalidPageToken[locale] },
  ]);
}
