import type { ServiceDefinition } from '@zvonar/platform';
import { identityConfigSchema } from './config/identity.config';
import { identityV1Package } from './identity/api/identity.proto';
import { IdentityModule, type IdentityModuleOptions } from './identity.module';

/** The identity service with its adapters chosen by options (specs pass a TestClock). */
export const createIdentityService = (options: IdentityModuleOptions = {}): ServiceDefinition => ({
  name: 'identity',
  version: '0.1.0',
  module: IdentityModule.register(options),
  configSchema: identityConfigSchema,
  grpc: { packages: [identityV1Package] },
});

/** The identity service, run by its own main.ts or hosted by the all-in-one process. */
export const identityService: ServiceDefinition = createIdentityService();
