// The generated code of zvonar.scenarios.v1, in one place: the service and its integration events
// share the proto package.
export { scenariosV1, scenariosV1 as scenarioEventsV1, scenariosV1Package } from '@zvonar/proto-ts';
