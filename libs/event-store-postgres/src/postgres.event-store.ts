import { Pool, type ClientBase, type PoolConfig } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  CatchUpSubscription,
  ConcurrencyError,
  ValidationError,
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
import { ANY, NO_STREAM, STREAM_EXISTS, WRONG_EXPECTED_REVISION, checkSchemaName, migrate, notifyChannel } from './postgres.schema';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIQUE_VIOLATION = '23505';
/** Racing writers with a revision-free expectation retry this often before giving up. */
const RACE_RETRIES = 5;

const encodeExpected = (expected: ExpectedRevision): number => {
  if (typeof expected === 'number') {
    if (!Number.isInteger(expected) || expected < 0) throw new ValidationError(`Invalid expected revision ${expected}`);
    return expected;
  }
  return expected === 'any' ? ANY : expected === 'no_stream' ? NO_STREAM : STREAM_EXISTS;
};

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

const isPgError = (error: unknown): error is Error & { code?: string; detail?: string; hint?: string; constraint?: string } => error instanceof Error && 'code' in error;

/**
 * The EventStore port on PostgreSQL with plain `pg`. Runs unchanged on a server and on the
 * embedded PostgreSQL. See README.md for the ordering guarantee and how it is achieved.
 */
export class PostgresEventStore implements EventStore {
  private readonly schema: string;
  private readonly notifications: AppendNotifications;
  private readonly subscriptions = new Set<Subscription>();
  private readonly sql: ReturnType<typeof statements>;
  private listening = false;
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

  appendToStream<E extends Event>(streamId: string, events: readonly NewEvent<E>[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.appendWithRetry(this.pool, streamId, events, options.expectedRevision ?? 'any');
  }

  /**
   * Appends inside the caller's transaction (a client after BEGIN), so a read model or an outbox
   * commits together with the events. The events become visible, and are notified, when the
   * caller commits. A ConcurrencyError here aborts the caller's transaction: roll it back.
   */
  async appendInTransaction<E extends Event>(client: ClientBase, streamId: string, events: readonly NewEvent<E>[], options: AppendOptions = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    try {
      return await this.appendOnce(client, streamId, events, expected);
    } catch (error) {
      // The caller's transaction is aborted now, so the current revision cannot be read here.
      if (error instanceof RaceLost) throw new ConcurrencyError(streamId, String(expected), 'taken by a concurrent transaction');
      throw error;
    }
  }

  private async appendWithRetry(pool: Pool, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.appendOnce(pool, streamId, events, expected);
      } catch (error) {
        // A unique violation means a concurrent writer committed first. Without a revision to
        // guard ('any', 'stream_exists') or with the same event ids (a duplicate request), trying
        // again is correct: the next attempt sees the stream as it now is.
        const sameIds = error instanceof RaceLost && error.constraint === 'events_event_id';
        const revisionFree = typeof expected !== 'number' && expected !== 'no_stream';
        if (!(error instanceof RaceLost) || !(sameIds || revisionFree) || attempt >= RACE_RETRIES) throw error instanceof RaceLost ? await this.conflict(streamId, expected) : error;
      }
    }
  }

  private async appendOnce(db: Pool | ClientBase, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new ValidationError(`Nothing to append to ${streamId}`);
    const ids: string[] = [];
    const types: string[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    for (const event of events) {
      const id = event.id ?? uuidv7();
      if (!UUID.test(id)) throw new ValidationError(`Event id "${id}" is not a UUID`);
      ids.push(id);
      types.push(event.type);
      data.push(JSON.stringify(event.data));
      metadata.push(JSON.stringify({ ...event.metadata, messageId: event.metadata?.messageId ?? id }));
    }
    try {
      const result = await db.query<{ stream_revision: number; transaction_id: string; position: string }>({
        name: this.sql.append.name,
        text: this.sql.append.text,
        values: [streamId, encodeExpected(expected), ids, types, data, metadata],
      });
      const last = result.rows[0]!;
      return { nextExpectedRevision: last.stream_revision, lastCheckpoint: toCheckpoint(last.transaction_id, last.position) };
    } catch (error) {
      if (isPgError(error) && error.code === WRONG_EXPECTED_REVISION) {
        throw new ConcurrencyError(streamId, error.hint ?? String(expected), error.detail ?? 'unknown');
      }
      if (isPgError(error) && error.code === UNIQUE_VIOLATION) throw new RaceLost(error);
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
    if (!this.listening) {
      this.listening = true;
      void this.notifications.start();
    }
    const subscription = new CatchUpSubscription(this.catchUpSource(), options, this.tuning);
    this.subscriptions.add(subscription);
    return subscription;
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

/** A unique violation: some concurrent transaction committed the same revision or event id first. */
class RaceLost extends Error {
  constructor(override readonly cause: Error & { constraint?: string }) {
    super(cause.message);
  }
  get constraint(): string | undefined {
    return this.cause.constraint;
  }
}

const eventColumns = `e.transaction_id::text AS transaction_id, e.position::text AS position, e.event_id::text AS event_id, e.stream_id, e.stream_revision, e.type, e.data, e.metadata, e.recorded_at`;

/** Every statement is prepared once per connection (named per schema). */
function statements(s: string) {
  // Only transactions below the horizon (the oldest one still running) have committed or
  // aborted for good: nothing can appear behind a checkpoint taken there.
  const horizon = `WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)`;
  return {
    append: { name: `zv_es_append_${s}`, text: `SELECT * FROM ${s}.append_events($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])` },
    readStream: {
      name: `zv_es_read_stream_${s}`,
      text: `SELECT c.current_revision, ${eventColumns}
        FROM (SELECT max(stream_revision) AS current_revision FROM ${s}.events WHERE stream_id = $1) c
        LEFT JOIN LATERAL (
          SELECT * FROM ${s}.events WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision LIMIT $3
        ) e ON true
        ORDER BY e.stream_revision`,
    },
    readAll: {
      name: `zv_es_read_all_${s}`,
      text: `${horizon}
        SELECT h.xmin::text AS horizon, ${eventColumns}
        FROM horizon h LEFT JOIN LATERAL (
          SELECT * FROM ${s}.events
          WHERE (transaction_id, position) > ($1::xid8, $2::bigint) AND transaction_id < h.xmin
          ORDER BY transaction_id, position LIMIT $3
        ) e ON true
        ORDER BY e.transaction_id, e.position`,
    },
    readAllCategories: {
      name: `zv_es_read_all_categories_${s}`,
      text: `${horizon}
        SELECT h.xmin::text AS horizon, ${eventColumns}
        FROM horizon h LEFT JOIN LATERAL (
          SELECT * FROM ${s}.events
          WHERE category = ANY ($4::text[]) AND (transaction_id, position) > ($1::xid8, $2::bigint) AND transaction_id < h.xmin
          ORDER BY transaction_id, position LIMIT $3
        ) e ON true
        ORDER BY e.transaction_id, e.position`,
    },
    head: {
      name: `zv_es_head_${s}`,
      text: `SELECT transaction_id::text || ':' || position AS checkpoint FROM ${s}.events ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    },
    loadCheckpoint: {
      name: `zv_es_load_checkpoint_${s}`,
      text: `SELECT transaction_id::text || ':' || position AS checkpoint FROM ${s}.subscription_checkpoints WHERE subscriber_id = $1`,
    },
    saveCheckpoint: { name: `zv_es_save_checkpoint_${s}`, text: `SELECT ${s}.save_checkpoint($1, $2::xid8, $3::bigint)` },
  };
}
