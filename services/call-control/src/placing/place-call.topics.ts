import { integrationTopic } from '@zvonar/messaging';

/** Where campaigns sends PlaceCall (call_commands.proto), keyed by campaign id. */
export const PLACE_CALL_TOPIC = integrationTopic({ service: 'call-control', category: 'place-call', version: 1 });

/** Where call-control publishes its integration events (call_events.proto), keyed by campaign id. */
export const CALL_TOPIC = integrationTopic({ service: 'call-control', category: 'call', version: 1 });

/** The consumer's group name after CONSUMER_GROUP_PREFIX. */
export const PLACE_CALL_CONSUMER = 'place-call';

/**
 * The embedded bus keeps each producer's log in the producer's schema: PlaceCall is campaigns'
 * message, so it is read from `campaigns`; call events are written to `call_control`.
 */
export const PLACE_CALL_BUS_SCHEMA = 'campaigns';
export const CALL_CONTROL_SCHEMA = 'call_control';
