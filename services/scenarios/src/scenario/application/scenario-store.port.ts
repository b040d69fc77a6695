import type { PublishedVersion, Scenario } from '../domain/scenario';

/** The fact campaigns learn about through the integration event ScenarioVersionPublished. */
export type VersionPublished = {
  readonly scenarioId: string;
  readonly projectId: string;
  readonly version: number;
  readonly name: string;
  readonly publishedAt: Date;
  readonly nodeCount: number;
};

/** Changes to one scenario, made while its row is locked, committed together or not at all. */
export interface ScenarioChange {
  save(scenario: Scenario): Promise<void>;
  /** Stores the version and its integration event in the same transaction (the outbox). */
  addVersion(version: PublishedVersion, published: VersionPublished): Promise<void>;
}

export type Page<T> = { readonly items: readonly T[]; readonly next?: string };

/** Scenarios and their versions. Unknown ids are NotFoundError. */
export interface ScenarioStore {
  create(scenario: Scenario): Promise<void>;
  get(scenarioId: string): Promise<Scenario>;
  /** Oldest first; `after` is the last scenario id of the previous page. */
  list(query: { projectId: string; includeArchived: boolean; after?: string; limit: number }): Promise<Page<Scenario>>;
  /** Runs `work` on the scenario with its row locked; what it saves commits when it resolves. */
  change<T>(scenarioId: string, work: (scenario: Scenario, change: ScenarioChange) => Promise<T>): Promise<T>;
  getVersion(scenarioId: string, version: number): Promise<PublishedVersion>;
  /** Newest first; `before` is the last version number of the previous page. */
  listVersions(query: { scenarioId: string; before?: number; limit: number }): Promise<Page<PublishedVersion>>;
}
