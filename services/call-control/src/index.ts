// The ARI client is exported under a namespace: its request/response shapes (OriginateRequest...)
// are Asterisk's, distinct from the adapter-agnostic Telephony port's types of the same name.
export * as ari from './ari';
export { callControlService } from './call-control.service';
export { CALL_TOPIC, PLACE_CALL_TOPIC } from './placing/place-call.topics';
export * from './call/domain';
export * from './telephony';
export * from './orchestration';
