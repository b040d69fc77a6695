// The generated code of zvonar.scenarios.v1, in one place. The @zvonar/proto-ts index does not
// re-export this package yet; once it does (`scenariosV1`), only this file changes.
import { grpcPackage } from '@zvonar/proto-ts';

export * as scenariosV1 from '@zvonar/proto-ts/src/generated/zvonar/scenarios/v1/scenarios_service';
export * as scenarioEventsV1 from '@zvonar/proto-ts/src/generated/zvonar/scenarios/v1/scenario_events';

/** What Nest's gRPC transport needs to serve or call ScenariosService. */
export const scenariosV1Package = grpcPackage(
  'zvonar.scenarios.v1',
  'scenarios_service.proto',
  'scenario_events.proto',
);
