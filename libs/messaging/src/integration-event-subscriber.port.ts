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

/**
 * Where a group starts on a partition it has no committed offset for (Kafka's
 * `auto.offset.reset`): `'earliest'` replays the partition's whole history, `'latest'` starts at
 * its end as of the moment the group joins.
 */
export type StartPosition = 'earliest' | 'latest';

export type SubscribeOptions<T> = {
  /**
   * The consumer group: every group receives every message; members of a group share the
   * partitions. Where a new group starts is `startAt`.
   */
  group: string;
  topics: readonly string[];
  decode: MessageDecoder<T>;
  /** Must be idempotent: delivery is at-least-once (see IdempotentConsumer). */
  handle: MessageHandler<T>;
  retry?: Partial<RetryPolicy>;
  /**
   * Only for partitions the group has no committed offset for; a group that has committed
   * offsets always continues from them, whatever this says. Default `'earliest'`.
   *
   * `'latest'` is for consumers that only care about what happens from now on (a replica
   * invalidating its cache): the group skips the history and, once `subscribe()` has resolved,
   * receives every message published after that, on every partition, across rebalances and
   * restarts under the same group name. Messages published while `subscribe()` runs may or may
   * not be delivered.
   */
  startAt?: StartPosition;
  /**
   * A group that exists for one process only (a name unique per replica, e.g. with its pod name or
   * a random id), so its state is removed when it is done: the embedded bus deletes the group's
   * offsets when its last member stops, and sweeps those of groups whose members all vanished
   * (a crash). Kafka needs nothing: the broker expires an empty group's offsets on its own
   * (`offsets.retention.minutes`). Do not re-subscribe an ephemeral group after `stop()`: whether
   * it then continues or starts over depends on the adapter; choose a new name instead.
   */
  ephemeral?: boolean;
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
