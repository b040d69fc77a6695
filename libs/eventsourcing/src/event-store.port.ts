import type { Checkpoint, Event, NewEvent, RecordedEvent } from './event';

/**
 * What the writer believes about the stream:
 * - a number: the revision of the stream's last event (0 after one event);
 * - 'no_stream': the stream must not exist; 'stream_exists': it must exist; 'any': no check.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export type AppendOptions = { expectedRevision?: ExpectedRevision };

export type AppendResult = {
  /** Revision of the stream's last event after the append: pass it as the next expectedRevision. */
  nextExpectedRevision: number;
  /** Checkpoint of the last appended (or already stored) event. */
  lastCheckpoint: Checkpoint;
};

export type ReadStreamOptions = {
  /** First revision to read (inclusive). */
  fromRevision?: number;
  maxCount?: number;
};

export type ReadStreamResult<E extends Event = Event> = {
  events: RecordedEvent<E>[];
  /** Revision of the stream's last event, or null when the stream does not exist. */
  currentRevision: number | null;
};

export type ReadAllOptions = {
  /** Read events strictly after this checkpoint; from the beginning when absent. */
  after?: Checkpoint;
  maxCount?: number;
  /** Only streams of these categories (`call`, `campaign`, ...). */
  categories?: readonly string[];
};

export type ReadAllResult = {
  events: RecordedEvent[];
  /**
   * Where the next read should start. It may move past `events` (filtered-out events), and it
   * never passes an event that a concurrent transaction may still commit before it.
   */
  checkpoint: Checkpoint | undefined;
};

export type SubscriptionHandler = (events: readonly RecordedEvent[]) => Promise<void>;

export type SubscriptionOptions = {
  /** Durable name: the store keeps one checkpoint per subscriber id. */
  subscriberId: string;
  categories?: readonly string[];
  handler: SubscriptionHandler;
  batchSize?: number;
};

/**
 * A durable catch-up subscription: delivers every event after the subscriber's stored checkpoint,
 * in store order, at least once (the checkpoint moves after the handler resolves), then follows
 * new events live.
 */
export interface Subscription {
  /** Resolves once the subscription has started reading. */
  start(): Promise<void>;
  /** Stops after the batch in flight; resolves when it is stopped. */
  stop(): Promise<void>;
  /** Resolves once every event committed before this call has been handled. */
  waitForIdle(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * The event store port. Appends are atomic per call, checked against the expected revision, and
 * idempotent on event id: appending events whose ids are already stored in that stream succeeds
 * without storing them again.
 */
export interface EventStore {
  appendToStream<E extends Event>(
    streamId: string,
    events: readonly NewEvent<E>[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  readStream<E extends Event>(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult<E>>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  subscribe(options: SubscriptionOptions): Subscription;
  close(): Promise<void>;
}
