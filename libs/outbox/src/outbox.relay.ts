import { AppendNotifications } from '@zvonar/event-store-postgres';
import { Wakeup } from '@zvonar/eventsourcing';
import type { IntegrationEventPublisher, IntegrationMessage } from '@zvonar/messaging';
import { withTransaction } from '@zvonar/messaging-postgres';
import type { Pool } from 'pg';

/** What the relay publishes to; closed by the relay when it stops, if it can be. */
export type OutboxPublisher = IntegrationEventPublisher & { close?(): Promise<void> };

/** Pino-compatible. */
export type OutboxLogger = { warn(object: object, message: string): void };

export type OutboxRelayOptions = {
  readonly pool: Pool;
  /** The schema whose `outbox` table this relay publishes; also names its lock and NOTIFY channel. */
  readonly schema: string;
  /**
   * Opens the bus. Called on the first round, and again after it failed, with backoff: the
   * service starts and serves while the bus is down, and its messages wait in the outbox.
   */
  readonly connect: () => Promise<OutboxPublisher>;
  readonly logger: OutboxLogger;
  /** Longest wait for work when no wake-up arrives (another process wrote and its NOTIFY was lost). Default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Longest wait between attempts while the bus refuses. Default 5 s. */
  readonly maxBackoffMs?: number;
  readonly batchSize?: number;
  /**
   * Published rows are kept this long, then deleted, so the table stays the size of a few days of
   * traffic. Within it, the UNIQUE message id still refuses a late duplicate write. Default 7 days.
   */
  readonly retentionMs?: number;
  /** How often an idle relay prunes. Default 10 minutes. */
  readonly pruneIntervalMs?: number;
};

type OutboxRow = {
  position: string;
  message_id: string;
  topic: string;
  message_key: string;
  type: string;
  payload: Buffer;
  headers: Record<string, string>;
  occurred_at: Date;
};

/**
 * Publishes a schema's outbox to the bus, oldest position first, and marks rows published only
 * after the bus acknowledged them, in the same transaction that read them: a crash in between
 * republishes the same message ids (consumers deduplicate), nothing is lost.
 *
 * Every round takes a transaction-scoped advisory lock keyed on the schema, so of all replicas one
 * relay publishes at a time and the outbox order is the publish order. A relay that finds the lock
 * taken waits for the next wake-up. Wake-ups: `announce()` after a commit rings this process at
 * once and other processes through one coalesced NOTIFY; the poll interval covers lost ones.
 *
 * Nest calls `onApplicationBootstrap` / `onModuleDestroy` when the relay is a provider: it starts
 * with the app, and on shutdown finishes the batch in flight, then closes the bus, before the
 * platform closes the pool.
 */
export class OutboxRelay {
  private readonly notifications: AppendNotifications;
  private readonly stopping = new Wakeup();
  private readonly table: string;
  private readonly lockKey: string;
  private publisher: OutboxPublisher | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private lastPrunedAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(options.schema)) throw new TypeError(`Invalid outbox schema name: ${options.schema}`);
    this.table = `${options.schema}.outbox`;
    this.lockKey = `zvonar.outbox-relay.${options.schema}`;
    this.notifications = new AppendNotifications(options.pool.options, `zvonar_outbox_${options.schema}`);
  }

  start(): void {
    if (this.loop) return;
    this.running = true;
    this.loop = this.run();
  }

  /** A transaction that wrote to the outbox committed: look now, here and in the other processes. */
  announce(): void {
    this.notifications.announce();
  }

  /** Finishes the batch in flight (published and marked, or left for the next relay), then closes the bus. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping.ring();
    this.notifications.wakeup.ring();
    await this.loop;
    this.loop = undefined;
    await this.notifications.close();
    const publisher = this.publisher;
    this.publisher = undefined;
    await publisher?.close?.();
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollIntervalMs ?? 500;
    const batchSize = this.options.batchSize ?? 100;
    await this.notifications.listen();
    let failures = 0;
    while (this.running) {
      const seen = this.notifications.wakeup.generation;
      let published = 0;
      try {
        published = await this.round(batchSize);
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger.warn({ err: error, failures, schema: this.options.schema }, 'outbox not published; retrying');
      }
      if (!this.running) break;
      if (failures > 0) {
        // Backoff is not cut short by new writes: they wait in the outbox like the rest.
        await this.stopping.wait(Math.min(pollMs * 2 ** failures, this.options.maxBackoffMs ?? 5_000));
      } else if (published < batchSize) {
        await this.pruneWhenDue();
        // A wake-up that arrived during the round returns at once: its rows may be past our read.
        await this.notifications.wakeup.wait(pollMs, seen);
      }
    }
  }

  /**
   * Deletes rows published longer ago than the retention, in bounded batches so no statement holds
   * locks for long. Only when idle, and at most once per prune interval; a failure waits for the next.
   */
  async prune(): Promise<number> {
    const retentionMs = this.options.retentionMs ?? 7 * 24 * 3_600_000;
    let deleted = 0;
    for (;;) {
      const { rowCount } = await this.options.pool.query(
        `DELETE FROM ${this.table} WHERE position IN (
           SELECT position FROM ${this.table}
            WHERE published_at < now() - make_interval(secs => $1::double precision / 1000)
            ORDER BY position LIMIT 1000)`,
        [retentionMs],
      );
      deleted += rowCount ?? 0;
      if ((rowCount ?? 0) < 1000) return deleted;
    }
  }

  private async pruneWhenDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrunedAt < (this.options.pruneIntervalMs ?? 600_000)) return;
    this.lastPrunedAt = now;
    try {
      await this.prune();
    } catch (error) {
      this.options.logger.warn({ err: error, schema: this.options.schema }, 'outbox not pruned; trying again later');
    }
  }

  /** One batch: lock, read the oldest unpublished rows, publish, mark, commit. Returns how many. */
  private async round(batchSize: number): Promise<number> {
    this.publisher ??= await this.options.connect();
    const publisher = this.publisher;
    return withTransaction(this.options.pool, async (client) => {
      const { rows: lock } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [this.lockKey]);
      if (!lock[0]?.locked) return 0;
      const { rows } = await client.query<OutboxRow>(
        `SELECT position, message_id, topic, message_key, type, payload, headers, occurred_at
           FROM ${this.table} WHERE published_at IS NULL ORDER BY position LIMIT $1`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      await publisher.publish(rows.map(toMessage));
      await client.query(`UPDATE ${this.table} SET published_at = now() WHERE position = ANY($1::bigint[])`, [rows.map((row) => row.position)]);
      return rows.length;
    });
  }
}

const toMessage = (row: OutboxRow): IntegrationMessage => ({
  messageId: row.message_id,
  topic: row.topic,
  key: row.message_key,
  type: row.type,
  payload: new Uint8Array(row.payload),
  occurredAt: row.occurred_at,
  headers: row.headers,
});
