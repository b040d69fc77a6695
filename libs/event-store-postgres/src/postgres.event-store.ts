import { Pool, type ClientBase, type PoolConfig } from 'pg';
import {
  CatchUpSubscription,
  ConcurrencyError,
  type AppendOptions,
  type AppendResult,
  type CatchUpSource,
  type CatchUpTuning,
  type Checkpoint,
  type Event,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type ReadStreamResult,
  type RecordedEvent,
  type Subscription,
  type SubscriptionOptions,
} from '@zvonar/eventsourcing';
import { compareCheckpoints, parseCheckpoint, toCheckpoint } from './postgres.checkpoint';
import { AppendNotifications } from './postgres.notifications';
import { RaceLost, appendEvents } from './postgres.append';
import { checkSchemaName, migrate, notifyChannel } from './postgres.schema';
import { statements, type Statements } from './postgres.statements';

export type PostgresEventStoreOptions = {
  /** A pool you own (closed by you), or a connection string (the store owns its pool). */
  pool?: Pool;
  connectionString?: string;
  /** Extra settings for the owned pool (size, timeouts). */
  poolConfig?: Omit<PoolConfig, 'connectionString'>;
  /** Schema holding the store's tables; each service owns one. Default `event_store`. */
  schema?: string;
  /** Run the idempotent migrations on connect (default true). */
  migrate?: boolean;
  subscriptions?: CatchUpTuning;
};

type EventRow = {
  transaction_id: string;
  position: string;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
};

/** Racing writers with a revision-free expectation retry this often before giving up. */
const RACE_RETRIES = 5;

const toRecorded = (row: EventRow): RecordedEvent => ({
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  id: row.event_id,
  streamId: row.stream_id,
  streamRevision: row.stream_revision,
  checkpoint: toCheckpoint(row.transaction_id, row.position),
  recordedAt: row.recorded_at,
});

/**
 * The EventStore port on PostgreSQL with plain `pg`. Runs unchanged on a server and on the
 * embedded PostgreSQL. See README.md for the ordering guarantee and how it is achieved.
 */
export class PostgresEventStore implements EventStore {
  private readonly schema: string;
  private readonly notifications: AppendNotifications;
  private readonly subscriptions = new Set<Subscription>();
  private readonly sql: Statements;
  private readonly tuning: CatchUpTuning;

  private constructor(
    readonly pool: Pool,
    private readonly ownsPool: boolean,
    options: PostgresEventStoreOptions,
  ) {
    this.schema = checkSchemaName(options.schema ?? 'event_store');
    this.sql = statements(this.schema);
    this.notifications = new AppendNotifications(pool.options, notifyChannel(this.schema));
    this.tuning = options.subscriptions ?? {};
  }

  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    if (!options.pool && !options.connectionString) throw new Error('PostgresEventStore needs a pool or a connectionString');
    const pool = options.pool ?? new Pool({ ...options.poolConfig, connectionString: options.connectionString });
    // An owned pool's idle connection can die with the server; pg replaces it on the next query,
    // and without a listener the 'error' event would crash the process.
    if (!options.pool) pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, !options.pool, options);
    try {
      if (options.migrate !== false) await migrate(pool, store.schema);
    } catch (error) {
      if (!options.pool) await pool.end();
      throw error;
    }
    return store;
  }

  async appendToStream<E extends Event>(streamId: string, events: readonly NewEvent<E>[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await appendEvents(this.pool, this.sql, streamId, events, expected, false);
        this.notifications.announce();
        return result;
      } catch (error) {
        if (!(error instanceof RaceLost)) throw error;
        // A concurrent writer committed the revision first. Without a revision to guard ('any',
        // 'stream_exists') the next attempt is correct on the stream as it now is.
        const revisionFree = expected === 'any' || expected === 'stream_exists';
        if (!revisionFree || attempt >= RACE_RETRIES) throw await this.conflict(streamId, expected);
      }
    }
  }

  /**
   * Appends inside the caller's transaction (a client after BEGIN), so a read model or an outbox
   * commits together with the events. The events become visible, and are notified, when the
   * caller commits. A ConcurrencyError here may have aborted the caller's transaction: roll back.
   */
  async appendInTransaction<E extends Event>(client: ClientBase, streamId: string, events: readonly NewEvent<E>[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    try {
      return await appendEvents(client, this.sql, streamId, events, expected, true);
    } catch (error) {
      // The caller's transaction is aborted now, so the current revision cannot be read here.
      if (error instanceof RaceLost) throw new ConcurrencyError(streamId, String(expected), 'taken by a concurrent transaction');
      throw error;
    }
  }

  private async conflict(streamId: string, expected: ExpectedRevision): Promise<ConcurrencyError> {
    const { currentRevision } = await this.readStream(streamId, { maxCount: 0 });
    return new ConcurrencyError(streamId, String(expected), currentRevision === null ? 'no_stream' : String(currentRevision));
  }

  async readStream<E extends Event>(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult<E>> {
    const result = await this.pool.query<EventRow & { current_revision: number | null }>({
      name: this.sql.readStream.name,
      text: this.sql.readStream.text,
      values: [streamId, options.fromRevision ?? 0, options.maxCount ?? null],
    });
    const events = result.rows.filter((row) => row.event_id !== null).map(toRecorded);
    return { events: events as unknown as RecordedEvent<E>[], currentRevision: result.rows[0]?.current_revision ?? null };
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = parseCheckpoint(options.after);
    const limit = options.maxCount ?? null;
    const filtered = options.categories !== undefined;
    const statement = filtered ? this.sql.readAllCategories : this.sql.readAll;
    const values: unknown[] = [after.transactionId.toString(), after.position.toString(), limit];
    if (filtered) values.push(options.categories);
    const result = await this.pool.query<EventRow & { horizon: string }>({ name: statement.name, text: statement.text, values });
    const events = result.rows.filter((row) => row.event_id !== null).map(toRecorded);
    const horizon = result.rows[0]?.horizon;
    const pageFull = limit !== null && events.length >= limit;
    let checkpoint = events.length > 0 ? events[events.length - 1]!.checkpoint : options.after;
    if (!pageFull && horizon !== undefined) {
      // Every event of a transaction below the horizon has been scanned: jump there, so filtered
      // reads do not rescan what they skipped and waitForIdle sees the subscriber caught up.
      const jump = toCheckpoint(horizon, 0n);
      if (checkpoint === undefined || compareCheckpoints(jump, checkpoint) > 0) checkpoint = jump;
    }
    return { events, checkpoint };
  }

  subscribe(options: SubscriptionOptions): Subscription {
    const loop = new CatchUpSubscription(this.catchUpSource(), options, this.tuning);
    this.subscriptions.add(loop);
    return {
      // LISTEN first: an append between the first read and LISTEN would otherwise wait a poll out.
      start: async () => {
        await this.notifications.listen();
        await loop.start();
      },
      stop: () => loop.stop(),
      waitForIdle: (idle) => loop.waitForIdle(idle),
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    await this.notifications.close();
    if (this.ownsPool) await this.pool.end();
  }

  private catchUpSource(): CatchUpSource {
    return {
      readAll: (options) => this.readAll(options),
      headCheckpoint: async () => {
        const result = await this.pool.query<{ checkpoint: string }>({ name: this.sql.head.name, text: this.sql.head.text });
        return result.rows[0]?.checkpoint as Checkpoint | undefined;
      },
      compareCheckpoints,
      loadCheckpoint: async (subscriberId) => {
        const result = await this.pool.query<{ checkpoint: string }>({ name: this.sql.loadCheckpoint.name, text: this.sql.loadCheckpoint.text, values: [subscriberId] });
        return result.rows[0]?.checkpoint as Checkpoint | undefined;
      },
      saveCheckpoint: async (subscriberId, checkpoint) => {
        const key = parseCheckpoint(checkpoint);
        await this.pool.query({ name: this.sql.saveCheckpoint.name, text: this.sql.saveCheckpoint.text, values: [subscriberId, key.transactionId.toString(), key.position.toString()] });
      },
      appends: this.notifications.wakeup,
    };
  }
}
