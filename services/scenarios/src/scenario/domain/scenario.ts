import { ConcurrencyError, IllegalStateError } from '@zvonar/eventsourcing';
import type { Locale } from '@zvonar/scenario-runtime';

export type ScenarioStatus = 'Active' | 'Archived';

/** A scenario and its draft, as the scenarios table holds it. The draft may break publishing rules. */
export type Scenario = {
  readonly scenarioId: string;
  readonly projectId: string;
  readonly name: string;
  readonly status: ScenarioStatus;
  /** The editor's document without scenarioId/version: `{ startNodeId, nodes: [...] }`. */
  readonly draft: GraphDocument;
  /** 1 at creation, one more per change of the draft. */
  readonly draftRevision: number;
  /** 0 until the first version is published. */
  readonly latestVersion: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

/** The graph as the editor saves it; only ever stored once parseScenario accepted it. */
export type GraphDocument = { readonly startNodeId: string; readonly nodes: readonly unknown[] };

/** An immutable published version. */
export type PublishedVersion = {
  readonly scenarioId: string;
  readonly version: number;
  readonly graph: GraphDocument;
  readonly draftRevision: number;
  readonly publishedAt: Date;
  readonly nodeCount: number;
};

/** A scenario as created or copied: active, first draft revision, nothing published yet. */
export const newScenario = (fields: {
  scenarioId: string;
  projectId: string;
  name: string;
  draft: GraphDocument;
  now: Date;
}): Scenario => ({
  scenarioId: fields.scenarioId,
  projectId: fields.projectId,
  name: fields.name,
  status: 'Active',
  draft: fields.draft,
  draftRevision: 1,
  latestVersion: 0,
  createdAt: fields.now,
  updatedAt: fields.now,
});

/** A new scenario's draft: answer and hang up, so it can be published at once. */
export const initialGraph = (): GraphDocument => ({
  startNodeId: 'answer',
  nodes: [{ id: 'answer', cards: [{ type: 'Hangup', id: 'hangup' }] }],
});

const texts = {
  archived: {
    ru: 'Сценарий в архиве: его нельзя изменить или опубликовать',
    en: 'The scenario is archived: it cannot be changed or published',
  },
  stale: {
    ru: 'Черновик уже изменён: обновите его и повторите',
    en: 'The draft has changed since it was read: reload it and try again',
  },
} as const;

/** Editing and publishing are refused on an archived scenario (its versions stay usable). */
export function assertEditable(scenario: Scenario, locale: Locale): void {
  if (scenario.status === 'Archived') throw new IllegalStateError(texts.archived[locale], scenario.status);
}

/**
 * Optimistic concurrency on the draft: the editor sends the revision it started from. 0 skips the
 * check where the API allows it (publishing "whatever the draft is now").
 */
export function assertRevision(scenario: Scenario, expected: number, locale: Locale, optional = false): void {
  if (optional && expected === 0) return;
  if (expected !== scenario.draftRevision) {
    const error = new ConcurrencyError(
      `scenario-${scenario.scenarioId}`,
      String(expected),
      String(scenario.draftRevision),
    );
    error.message = texts.stale[locale];
    throw error;
  }
}

/** The draft after an edit: a new revision, the same scenario otherwise. */
export const withDraft = (scenario: Scenario, draft: GraphDocument, name: string, now: Date): Scenario => ({
  ...scenario,
  draft,
  name,
  draftRevision: scenario.draftRevision + 1,
  updatedAt: now,
});
