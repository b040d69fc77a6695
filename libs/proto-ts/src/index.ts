// The generated modules are re-exported one namespace per proto package, named like the package
// (zvonar.common.v1 -> commonV1), so two packages may declare messages with the same name.
import { grpcPackage } from './proto-files';

export * as commonV1 from './zvonar.common.v1';
export * as platformV1 from './zvonar.platform.v1';
export * as scenariosV1 from './zvonar.scenarios.v1';
export * as identityV1 from './zvonar.identity.v1';
export { protoRoot, grpcPackage, type GrpcPackage } from './proto-files';

/** The package every service serves next to its own API (StatusService). */
export const platformV1Package = grpcPackage('zvonar.platform.v1', 'status.proto');
/** What Nest's gRPC transport needs to serve or call ScenariosService. */
export const scenariosV1Package = grpcPackage('zvonar.scenarios.v1', 'scenarios_service.proto', 'scenario_events.proto');
/** What Nest's gRPC transport needs to serve or call IdentityService. */
export const identityV1Package = grpcPackage('zvonar.identity.v1', 'identity_service.proto', 'identity_events.proto');
