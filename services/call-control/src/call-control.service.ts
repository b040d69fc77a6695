import type { ServiceDefinition } from '@zvonar/platform';
import { callControlV1Package } from '@zvonar/proto-ts';
import { CallControlModule } from './call-control.module';
import { callControlConfigSchema } from './config/call-control.config';

/** The call-control service, run by its own main.ts or hosted by the all-in-one process. */
export const callControlService: ServiceDefinition = {
  name: 'call-control',
  version: '0.1.0',
  module: CallControlModule,
  configSchema: callControlConfigSchema,
  grpc: { packages: [callControlV1Package] },
};
