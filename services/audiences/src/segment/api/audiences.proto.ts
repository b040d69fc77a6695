// The generated code of zvonar.audiences.v1, in one place: the service and its integration events
// share the proto package.
export { audiencesV1, audiencesV1Package } from '@zvonar/proto-ts';
