import type { IntegrationEventPublisher, IntegrationEventSubscriber } from '@zvonar/messaging';

/** The PostgresEventStore of the `call_control` schema (every call's stream). */
export const CALL_EVENT_STORE = Symbol('CALL_EVENT_STORE');
/** Opens the bus PlaceCall is read from (campaigns' bus log when embedded, Kafka otherwise). */
export const PLACE_CALL_SUBSCRIBER = Symbol('PLACE_CALL_SUBSCRIBER');
export type SubscriberConnector = () => Promise<ClosableSubscriber>;
/** Where call integration events are published (the `call_control` bus log when embedded, Kafka otherwise). */
export const CALL_EVENTS_PUBLISHER = Symbol('CALL_EVENTS_PUBLISHER');

export type ClosableSubscriber = IntegrationEventSubscriber & { close(): Promise<void> };
export type ClosablePublisher = IntegrationEventPublisher & { close(): Promise<void> };
