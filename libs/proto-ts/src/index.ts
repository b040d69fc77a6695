// The generated modules are re-exported one namespace per proto package, named like the package
// (zvonar.common.v1 -> commonV1), so two packages may declare messages with the same name.
import { grpcPackage } from './proto-files';

export * as commonV1 from './zvonar.common.v1';
export * as platformV1 from './zvonar.platform.v1';
export { protoRoot, grpcPackage, type GrpcPackage } from './proto-files';

/** The package every service serves next to its own API (StatusService). */
export const platformV1Package = grpcPackage('zvonar.platform.v1', 'status.proto');
