/** Fields every stored event carries in its metadata (stamped by the command handler and adapters). */
export type EventMetadata = {
  /** Unique id of this message; equals the stored event id. */
  messageId?: string;
  /** Id of the first message of the conversation (a call, a campaign launch...). */
  correlationId?: string;
  /** Id of the message that directly caused this one. */
  causationId?: string;
  /** W3C trace context of the span that produced the event. */
  traceparent?: string;
  [key: string]: unknown;
};

/**
 * A domain event: a past-tense fact. `type` is the PascalCase name of its TS type and is never
 * renamed; a structural change keeps the name and is upcast on read.
 */
export type Event<
  Type extends string = string,
  Data extends Record<string, unknown> = Record<string, unknown>,
  Metadata extends EventMetadata = EventMetadata,
> = Readonly<{ type: Type; data: Readonly<Data>; metadata?: Metadata }>;

/** An event about to be appended. `id` makes the append idempotent; one is generated when absent. */
export type NewEvent<E extends Event = Event> = E & { readonly id?: string };

/**
 * Opaque position in the store-wide order of events. Adapters choose the encoding (the PostgreSQL
 * adapter orders by commit, not by sequence value); callers only store it and pass it back.
 */
export type Checkpoint = string & { readonly __brand: 'Checkpoint' };

/** An event as stored. */
export type RecordedEvent<E extends Event = Event> = E & {
  readonly id: string;
  readonly streamId: string;
  /** 0 for the first event of a stream. */
  readonly streamRevision: number;
  /** Position of this event in the store-wide order. */
  readonly checkpoint: Checkpoint;
  readonly recordedAt: Date;
  readonly metadata: EventMetadata;
};

export type EventTypeOf<E extends Event> = E['type'];
export type EventDataOf<E extends Event> = E['data'];
