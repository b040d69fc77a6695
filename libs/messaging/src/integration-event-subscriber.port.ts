import type { IntegrationMessage, MessageCoordinates } from './integration-message';

export type RetryPolicy = {
  /** Handler attempts per message before it goes to the dead-letter topic (>= 1). */
  maxAttempts: number;
  /** Delay before the second attempt; it doubles per attempt up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
};

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 5_000 };

export type Delivery = Readonly<{
  message: IntegrationMessage;
  coordinates: MessageCoordinates;
  /** 1 on the first attempt. */
  attempt: number;
}>;

/**
 * Turns payload bytes into the handler's type (a generated proto `decode`). A throw means the
 * message can never be handled: it goes to the dead-letter topic at once, without retries.
 */
export type MessageDecoder<T> = (payload: Uint8Array, message: IntegrationMessage) => T;

export type MessageHandler<T> = (data: T, delivery: Delivery) => Promise<void>;

export type SubscribeOptions<T> = {
  /**
   * The consumer group: every group receives every message; members of a group share the
   * partitions. A new group starts at the beginning of each topic.
   */
  group: string;
  topics: readonly string[];
  decode: MessageDecoder<T>;
  /** Must be idempotent: delivery is at-least-once (see IdempotentConsumer). */
  handle: MessageHandler<T>;
  retry?: Partial<RetryPolicy>;
};

export interface IntegrationConsumer {
  /** Finishes the message in flight, commits what was handled and leaves the group. */
  stop(): Promise<void>;
}

/**
 * Consumes integration events: per-key order, at-least-once, bounded retries, then the
 * dead-letter topic with the reason, after which later messages keep flowing.
 */
export interface IntegrationEventSubscriber {
  /** Resolves once this member has joined its group and owns its share of partitions. */
  subscribe<T>(options: SubscribeOptions<T>): Promise<IntegrationConsumer>;
}
