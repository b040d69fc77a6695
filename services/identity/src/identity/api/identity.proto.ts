// The generated code of zvonar.identity.v1, in one place: the service and its integration events
// share the proto package.
export { identityV1, identityV1 as identityEventsV1, identityV1Package } from '@zvonar/proto-ts';
