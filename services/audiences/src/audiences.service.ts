import type { ServiceDefinition } from '@zvonar/platform';
import { audiencesConfigSchema } from './config/audiences.config';
import { AudiencesModule } from './audiences.module';
import { audiencesV1Package } from './segment/api/audiences.proto';

/** The audiences service, run by its own main.ts or hosted by the all-in-one process. */
export const audiencesService: ServiceDefinition = {
  name: 'audiences',
  version: '0.1.0',
  module: AudiencesModule,
  configSchema: audiencesConfigSchema,
  grpc: { packages: [audiencesV1Package] },
};
