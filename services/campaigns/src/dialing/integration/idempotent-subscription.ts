import { oncePerMessage, type Delivery, type IntegrationConsumer, type IntegrationEventSubscriber, type IntegrationMessage } from '@zvonar/messaging';
import { PostgresIdempotentConsumer } from '@zvonar/messaging-postgres';
import type { Pool, PoolClient } from 'pg';

export type IdempotentSubscription<T> = {
  readonly subscriber: IntegrationEventSubscriber;
  readonly pool: Pool;
  /** The consumer group, `<prefix>-<consumer>`. */
  readonly group: string;
  /** The name in processed_messages. */
  readonly consumer: string;
  readonly topic: string;
  /** By message type; null = a type this consumer does not care about (skipped, not dead-lettered). */
  readonly decode: (payload: Uint8Array, message: IntegrationMessage) => T | null;
  /** Runs in the transaction that records the message id. */
  readonly apply: (event: T, tx: PoolClient, delivery: Delivery) => Promise<void>;
  /** After the transaction committed (notifications, follow-up commands); a failure is only logged by the caller. */
  readonly afterCommit?: (event: T) => Promise<void>;
};

/**
 * Subscribes a consumer whose effect and processed message id commit together, so a redelivery
 * changes nothing. Message types the consumer ignores are still acknowledged.
 */
export async function subscribeIdempotently<T>(options: IdempotentSubscription<T>): Promise<IntegrationConsumer> {
  const processed = new PostgresIdempotentConsumer(options.pool, 'campaigns');
  const once = oncePerMessage<T, PoolClient>(processed, options.consumer, (event, delivery, tx) => options.apply(event, tx, delivery));
  return options.subscriber.subscribe<T | null>({
    group: options.group,
    topics: [options.topic],
    decode: options.decode,
    handle: async (event, delivery) => {
      if (event === null) return;
      await once(event, delivery);
      await options.afterCommit?.(event);
    },
  });
}
