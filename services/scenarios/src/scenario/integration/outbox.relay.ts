import type { IntegrationEventPublisher, IntegrationMessage } from '@zvonar/messaging';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
// The messaging lib's helper; its index does not export it yet.
import { withTransaction } from '@zvonar/messaging-postgres/src/postgres.transaction';

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

export type OutboxRelayOptions = {
  readonly pool: Pool;
  readonly publisher: IntegrationEventPublisher;
  readonly logger: Logger;
  /** Longest wait for work when nobody rings (another process wrote, or a wake-up was missed). */
  readonly pollIntervalMs?: number;
  readonly batchSize?: number;
};

/**
 * Publishes the outbox to the bus, oldest first, and marks what the bus acknowledged. The mark is
 * written only after the acknowledgement, so a crash in between republishes the same message ids
 * (consumers deduplicate) and nothing is lost. A transaction-scoped advisory lock lets one relay
 * work at a time across replicas, which keeps the per-scenario order.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private ring: (() => void) | undefined;

  constructor(private readonly options: OutboxRelayOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Work was committed: look now instead of at the next poll. */
  wake(): void {
    this.ring?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollIntervalMs ?? 250;
    let failures = 0;
    while (this.running) {
      let published = 0;
      try {
        published = await this.round();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger.warn({ err: error, failures }, 'outbox relay round failed; retrying');
      }
      if (published === (this.options.batchSize ?? 100) && failures === 0) continue;
      await this.idle(failures > 0 ? Math.min(pollMs * 2 ** failures, 5_000) : pollMs);
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.ring = done;
    });
  }

  /** One batch: lock, read unpublished rows, publish, mark, commit. Returns how many were published. */
  private round(): Promise<number> {
    return withTransaction(this.options.pool, async (client) => {
      const { rows: lock } = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_xact_lock(hashtext('zvonar.scenarios.outbox-relay')) AS locked`,
      );
      if (!lock[0]?.locked) return 0;
      const { rows } = await client.query<OutboxRow>(
        `SELECT * FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT $1`,
        [this.options.batchSize ?? 100],
      );
      if (rows.length > 0) {
        await this.options.publisher.publish(rows.map(toMessage));
        await client.query('UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])', [
          rows.map((row) => row.position),
        ]);
      }
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
