// The generated code of zvonar.identity.v1, in one place. The @zvonar/proto-ts index does not
// re-export this package yet; once it does (`identityV1`), only this file changes.
import { grpcPackage } from '@zvonar/proto-ts';

export * as identityV1 from '@zvonar/proto-ts/src/generated/zvonar/identity/v1/identity_service';
export * as identityEventsV1 from '@zvonar/proto-ts/src/generated/zvonar/identity/v1/identity_events';

/** What Nest's gRPC transport needs to serve or call IdentityService. */
export const identityV1Package = grpcPackage('zvonar.identity.v1', 'identity_service.proto', 'identity_events.proto');
