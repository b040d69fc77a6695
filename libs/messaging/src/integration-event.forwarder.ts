import { categoryOf, type EventStore, type RecordedEvent, type Subscription } from '@zvonar/eventsourcing';
import type { IntegrationMessage, MessageHeaders } from './integration-message';
import type { IntegrationEventPublisher } from './integration-event-publisher.port';

/** Maps one stored domain event to the integration messages it publishes (`[]` for a private event). */
export type IntegrationEventMapper = (event: RecordedEvent) => readonly IntegrationMessage[];

export type ForwarderOptions = {
  store: EventStore;
  publisher: IntegrationEventPublisher;
  /** Durable subscriber id of the forwarder, e.g. `calls-integration-forwarder`. */
  subscriberId: string;
  categories?: readonly string[];
  map: IntegrationEventMapper;
  batchSize?: number;
};

/**
 * The only way integration events leave a service: a checkpointed subscription on its event
 * store. The store moves the checkpoint after the handler resolves, and the handler resolves only
 * once the bus acknowledged the batch, so a crash in between republishes (same message ids, which
 * consumers deduplicate) and never loses an event. The request path never touches the bus.
 *
 * ```ts
 * const forwarder = startIntegrationForwarder({ store, publisher: kafkaBus, subscriberId: 'calls-forwarder',
 *   categories: ['call'], map: callIntegrationEvents });
 * await forwarder.start();
 * ```
 */
export function startIntegrationForwarder(options: ForwarderOptions): Subscription {
  return options.store.subscribe({
    subscriberId: options.subscriberId,
    ...(options.categories ? { categories: options.categories } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    handler: async (events) => {
      const messages = events.flatMap((event) => options.map(event));
      if (messages.length > 0) await options.publisher.publish(messages);
    },
  });
}

const stringHeaders = (event: RecordedEvent): MessageHeaders => {
  const headers: Record<string, string> = {};
  for (const name of ['traceparent', 'correlationId', 'causationId'] as const) {
    const value = event.metadata[name];
    if (typeof value === 'string' && value.length > 0) headers[name] = value;
  }
  return headers;
};

/**
 * The envelope of an integration message derived from a stored event: the message id is the
 * event id (stable across republishing), the key is the aggregate id, and the trace and
 * conversation ids come from the event's metadata.
 */
export function integrationMessageFrom(event: RecordedEvent, body: { topic: string; type: string; payload: Uint8Array }): IntegrationMessage {
  const category = categoryOf(event.streamId);
  const key = event.streamId.length > category.length ? event.streamId.slice(category.length + 1) : event.streamId;
  return { messageId: event.id, key, occurredAt: event.recordedAt, headers: stringHeaders(event), ...body };
}
