/**
 * Headers every integration message may carry. Trace context and the conversation ids travel
 * with the message so a consumer's span and its own events join the producer's trace.
 */
export type MessageHeaders = Readonly<{
  /** W3C trace context of the span that produced the domain event. */
  traceparent?: string;
  /** Id of the first message of the conversation. */
  correlationId?: string;
  /** Id of the message that directly caused this one. */
  causationId?: string;
  [name: string]: string | undefined;
}>;

/**
 * The envelope of an integration event, the same on every bus. The payload is opaque bytes (a
 * protobuf message whose full name is `type`), so the bus never depends on generated code.
 */
export type IntegrationMessage = Readonly<{
  /** Unique and stable across redeliveries: consumers deduplicate on it. */
  messageId: string;
  topic: string;
  /** The aggregate id: messages with the same key are delivered in publish order. */
  key: string;
  /** Protobuf full name of the payload, e.g. `zvonar.calls.v1.CallEnded`. */
  type: string;
  payload: Uint8Array;
  occurredAt: Date;
  headers: MessageHeaders;
}>;

/** Where a delivered message sits in its bus: partition and offset within the topic. */
export type MessageCoordinates = Readonly<{ topic: string; partition: number; offset: string }>;

/** Header names a dead-lettered message gains, so an operator can tell why and from where. */
export const DeadLetterHeaders = {
  reason: 'deadLetterReason',
  group: 'deadLetterGroup',
  originalTopic: 'deadLetterOriginalTopic',
  originalPartition: 'deadLetterOriginalPartition',
  originalOffset: 'deadLetterOriginalOffset',
  attempts: 'deadLetterAttempts',
} as const;

const requireText = (field: string, value: string): void => {
  if (value.length === 0) throw new TypeError(`Integration message ${field} must not be empty`);
};

/** Rejects envelopes a bus could not route or a consumer could not deduplicate. */
export function assertValidMessage(message: IntegrationMessage): void {
  requireText('messageId', message.messageId);
  requireText('topic', message.topic);
  requireText('key', message.key);
  requireText('type', message.type);
  if (Number.isNaN(message.occurredAt.getTime())) throw new TypeError(`Integration message ${message.messageId} has an invalid occurredAt`);
}
