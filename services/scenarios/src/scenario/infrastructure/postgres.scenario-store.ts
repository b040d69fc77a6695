import { NotFoundError } from '@zvonar/eventsourcing';
import type { Pool, PoolClient } from 'pg';
import type { Page, ScenarioChange, ScenarioStore, VersionPublished } from '../application/scenario-store.port';
import type { GraphDocument, PublishedVersion, Scenario, ScenarioStatus } from '../domain/scenario';
import { withTransaction } from '@zvonar/messaging-postgres';

/** Writes the integration event of a published version inside the version's transaction. */
export type OutboxWriter = (tx: PoolClient, published: VersionPublished) => Promise<void>;

type ScenarioRow = {
  scenario_id: string;
  project_id: string;
  name: string;
  status: ScenarioStatus;
  draft: GraphDocument;
  draft_revision: number;
  latest_version: number;
  created_at: Date;
  updated_at: Date;
};

type VersionRow = {
  scenario_id: string;
  version: number;
  graph: GraphDocument;
  draft_revision: number;
  node_count: number;
  published_at: Date;
};

const toScenario = (row: ScenarioRow): Scenario => ({
  scenarioId: row.scenario_id,
  projectId: row.project_id,
  name: row.name,
  status: row.status,
  draft: row.draft,
  draftRevision: row.draft_revision,
  latestVersion: row.latest_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toVersion = (row: VersionRow): PublishedVersion => ({
  scenarioId: row.scenario_id,
  version: row.version,
  graph: row.graph,
  draftRevision: row.draft_revision,
  nodeCount: row.node_count,
  publishedAt: row.published_at,
});

/** The answer for a scenario (or version) that does not exist — and for someone else's. */
export const scenarioNotFound = (scenarioId: string, version?: number): NotFoundError =>
  new NotFoundError(
    version === undefined ? `Scenario ${scenarioId} not found` : `Scenario ${scenarioId} has no version ${version}`,
  );

/** The ScenarioStore on the service's own PostgreSQL schema (search_path set by the pool). */
export class PostgresScenarioStore implements ScenarioStore {
  constructor(
    private readonly pool: Pool,
    private readonly writeOutbox: OutboxWriter,
    /** Called after a transaction that wrote to the outbox committed: wakes the relay. */
    private readonly outboxWritten: () => void = () => undefined,
  ) {}

  async create(scenario: Scenario): Promise<void> {
    await this.pool.query(
      `INSERT INTO scenarios (scenario_id, project_id, name, status, draft, draft_revision, latest_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        scenario.scenarioId,
        scenario.projectId,
        scenario.name,
        scenario.status,
        JSON.stringify(scenario.draft),
        scenario.draftRevision,
        scenario.latestVersion,
        scenario.createdAt,
        scenario.updatedAt,
      ],
    );
  }

  async get(scenarioId: string): Promise<Scenario> {
    const { rows } = await this.pool.query<ScenarioRow>('SELECT * FROM scenarios WHERE scenario_id = $1', [scenarioId]);
    if (!rows[0]) throw scenarioNotFound(scenarioId);
    return toScenario(rows[0]);
  }

  async list({
    projectId,
    includeArchived,
    after,
    limit,
  }: Parameters<ScenarioStore['list']>[0]): Promise<Page<Scenario>> {
    const { rows } = await this.pool.query<ScenarioRow>(
      `SELECT * FROM scenarios
        WHERE project_id = $1 AND ($2 OR status = 'Active') AND ($3::text IS NULL OR scenario_id > $3)
        ORDER BY scenario_id LIMIT $4`,
      [projectId, includeArchived, after ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map(toScenario);
    return rows.length > limit ? { items, next: items[items.length - 1]?.scenarioId } : { items };
  }

  async change<T>(scenarioId: string, work: (scenario: Scenario, change: ScenarioChange) => Promise<T>): Promise<T> {
    let wroteOutbox = false;
    const result = await withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ScenarioRow>('SELECT * FROM scenarios WHERE scenario_id = $1 FOR UPDATE', [
        scenarioId,
      ]);
      if (!rows[0]) throw scenarioNotFound(scenarioId);
      return work(toScenario(rows[0]), {
        save: (scenario) => this.save(client, scenario),
        addVersion: async (version, published) => {
          await this.insertVersion(client, version);
          await this.writeOutbox(client, published);
          wroteOutbox = true;
        },
      });
    });
    if (wroteOutbox) this.outboxWritten();
    return result;
  }

  async getVersion(scenarioId: string, version: number): Promise<PublishedVersion> {
    const { rows } = await this.pool.query<VersionRow>(
      'SELECT * FROM scenario_versions WHERE scenario_id = $1 AND version = $2',
      [scenarioId, version],
    );
    if (!rows[0]) {
      await this.get(scenarioId);
      throw scenarioNotFound(scenarioId, version);
    }
    return toVersion(rows[0]);
  }

  async listVersions({
    scenarioId,
    before,
    limit,
  }: Parameters<ScenarioStore['listVersions']>[0]): Promise<Page<PublishedVersion>> {
    await this.get(scenarioId);
    const { rows } = await this.pool.query<VersionRow>(
      `SELECT * FROM scenario_versions WHERE scenario_id = $1 AND ($2::int IS NULL OR version < $2)
        ORDER BY version DESC LIMIT $3`,
      [scenarioId, before ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map(toVersion);
    return rows.length > limit ? { items, next: String(items[items.length - 1]?.version) } : { items };
  }

  private async save(client: PoolClient, scenario: Scenario): Promise<void> {
    await client.query(
      `UPDATE scenarios SET name = $2, status = $3, draft = $4, draft_revision = $5, latest_version = $6, updated_at = $7
        WHERE scenario_id = $1`,
      [
        scenario.scenarioId,
        scenario.name,
        scenario.status,
        JSON.stringify(scenario.draft),
        scenario.draftRevision,
        scenario.latestVersion,
        scenario.updatedAt,
      ],
    );
  }

  private async insertVersion(client: PoolClient, version: PublishedVersion): Promise<void> {
    await client.query(
      `INSERT INTO scenario_versions (scenario_id, version, graph, draft_revision, node_count, published_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        version.scenarioId,
        version.version,
        JSON.stringify(version.graph),
        version.draftRevision,
        version.nodeCount,
        version.publishedAt,
      ],
    );
  }
}
