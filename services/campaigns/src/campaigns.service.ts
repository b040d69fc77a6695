import type { ServiceDefinition } from '@zvonar/platform';
import { campaignsV1Package } from './campaign/api/campaigns.proto';
import { campaignsConfigSchema } from './campaigns.config';
import { CampaignsModule } from './campaigns.module';
import { dialingConfigShape } from './dialing/dialing.module';

/** The campaigns service, run by its own main.ts or hosted by the all-in-one process. */
export const campaignsService: ServiceDefinition = {
  name: 'campaigns',
  version: '0.1.0',
  module: CampaignsModule,
  // One schema for the lifecycle and the dialer, so one boot reports every missing variable.
  configSchema: campaignsConfigSchema.extend(dialingConfigShape),
  grpc: { packages: [campaignsV1Package] },
};
