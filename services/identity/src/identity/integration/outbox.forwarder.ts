import type { IntegrationEventPublisher, IntegrationMessage } from '@zvonar/messaging';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { inTransaction } from '../infrastructure/postgres.transaction';

export type ClosablePublisher = IntegrationEventPublisher & { close(): Promise<void> };

type PendingRow = Omit<IntegrationMessage, 'payload' | 'headers'> & { position: string; payload: Buffer };

export type OutboxForwarderOptions = {
  readonly pool: Pool;
  /** Opens the bus; retried with backoff, so identity serves sign-ins while the bus is down. */
  readonly connect: () => Promise<ClosablePublisher>;
  readonly logger: Logger;
  readonly pollMs?: number;
};

/**
 * Moves the outbox to the bus in position order. Rows are claimed with SKIP LOCKED and marked in
 * the same transaction after the bus acknowledged them: a crash in between republishes the same
 * message ids (consumers deduplicate), and replicas never publish one row concurrently.
 */
export class OutboxForwarder {
  private bus: ClosablePublisher | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private doorbell: (() => void) | undefined;

  constructor(private readonly options: OutboxForwarderOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Something was committed to the outbox: look now rather than at the next poll. */
  wake(): void {
    this.doorbell?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    await this.bus?.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let moved = 0;
      try {
        this.bus ??= await this.options.connect();
        moved = await this.forwardBatch(this.bus);
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger.warn({ err: error, failures }, 'identity outbox not forwarded; retrying');
      }
      if (moved === 0) await this.pause(Math.min((this.options.pollMs ?? 500) * 2 ** failures, 10_000));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.doorbell = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private forwardBatch(bus: ClosablePublisher): Promise<number> {
    return inTransaction(this.options.pool, async (tx) => {
      const { rows } = await tx.query<PendingRow>(
        `SELECT position, message_id AS "messageId", topic, message_key AS key, type, payload, occurred_at AS "occurredAt"
           FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT 100 FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      await bus.publish(rows.map(({ position: _position, payload, ...message }) => ({ ...message, payload: new Uint8Array(payload), headers: {} })));
      await tx.query('UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])', [rows.map((row) => row.position)]);
      return rows.length;
    });
  }
}
