// The generated code of zvonar.projects.v1, in one place: the service and its integration events
// share the proto package.
export { projectsV1, projectsV1Package } from '@zvonar/proto-ts';
