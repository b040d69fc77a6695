import type { MessageHandler } from './integration-event-subscriber.port';

/**
 * Makes an at-least-once consumer's effects happen once. The processed message id is recorded in
 * the consumer's own database transaction, the same one that writes the effect, so either both
 * commit or neither does, and a redelivered message is a no-op.
 */
export interface IdempotentConsumer<Tx> {
  /** Runs `work` in a transaction unless `consumer` already processed `messageId`. */
  handleOnce(consumer: string, messageId: string, work: (tx: Tx) => Promise<void>): Promise<'processed' | 'duplicate'>;
}

/**
 * Wraps a handler so that it runs once per message id for `consumer`.
 *
 * ```ts
 * subscriber.subscribe({ group: 'billing', topics, decode: CallEnded.decode,
 *   handle: oncePerMessage(processed, 'billing-charges', (event, delivery, tx) => chargeCall(tx, event)) });
 * ```
 */
export const oncePerMessage =
  <T, Tx>(idempotency: IdempotentConsumer<Tx>, consumer: string, work: (data: T, delivery: Parameters<MessageHandler<T>>[1], tx: Tx) => Promise<void>): MessageHandler<T> =>
  async (data, delivery) => {
    await idempotency.handleOnce(consumer, delivery.message.messageId, (tx) => work(data, delivery, tx));
  };

/** For unit tests and in-memory wiring: the "transaction" is the call itself. */
export class InMemoryIdempotentConsumer implements IdempotentConsumer<void> {
  private readonly processed = new Set<string>();

  async handleOnce(consumer: string, messageId: string, work: () => Promise<void>): Promise<'processed' | 'duplicate'> {
    const id = `${consumer}\u0000${messageId}`;
    if (this.processed.has(id)) return 'duplicate';
    // Reserved before the work runs, so a concurrent duplicate is skipped rather than run twice.
    this.processed.add(id);
    try {
      await work();
    } catch (error) {
      this.processed.delete(id);
      throw error;
    }
    return 'processed';
  }
}
