import type { IdempotentConsumer } from '@zvonar/messaging';
import type { Pool, PoolClient } from 'pg';
import { checkSchemaName } from './postgres.messaging-schema';
import { withTransaction } from './postgres.transaction';

/**
 * Processed message ids in the consumer's own database: `work` gets the transaction's client and
 * writes its effect there, next to the id. A redelivery finds the id and does nothing; a
 * concurrent duplicate blocks on the id's unique key until the first commits, then does nothing.
 *
 * ```ts
 * handle: oncePerMessage(new PostgresIdempotentConsumer(pool, 'billing'), 'billing-charges',
 *   (event, _delivery, tx) => tx.query('INSERT INTO billing.charges ...', [...]))
 * ```
 */
export class PostgresIdempotentConsumer implements IdempotentConsumer<PoolClient> {
  private readonly schema: string;

  constructor(
    private readonly pool: Pool,
    schema = 'messaging',
  ) {
    this.schema = checkSchemaName(schema);
  }

  async handleOnce(consumer: string, messageId: string, work: (tx: PoolClient) => Promise<void>): Promise<'processed' | 'duplicate'> {
    return withTransaction(this.pool, async (tx) => {
      const first = await tx.query(`INSERT INTO ${this.schema}.processed_messages (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [consumer, messageId]);
      if (first.rowCount === 0) return 'duplicate';
      await work(tx);
      return 'processed';
    });
  }
}
