import type { ServiceDefinition } from '@zvonar/platform';
import { scenariosConfigSchema } from './config/scenarios.config';
import { scenariosV1Package } from './scenario/api/scenarios.proto';
import { ScenariosModule } from './scenarios.module';

/** The scenarios service, run by its own main.ts or hosted by the all-in-one process. */
export const scenariosService: ServiceDefinition = {
  name: 'scenarios',
  version: '0.1.0',
  module: ScenariosModule,
  configSchema: scenariosConfigSchema,
  grpc: { packages: [scenariosV1Package] },
};
