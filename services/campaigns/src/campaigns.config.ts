import { envList, envUrl } from '@zvonar/platform';
import { projectAccessConfig } from '@zvonar/project-access';
import { z } from 'zod';

/** The campaigns service's own variables (the platform's are merged over them at boot). */
export const campaignsConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  /** embedded: read producers' bus logs in PostgreSQL (all-in-one); kafka: KAFKA_BROKERS. */
  BUS: z.enum(['embedded', 'kafka']).default('embedded'),
  KAFKA_BROKERS: envList().optional(),
  /**
   * CONSUMER_GROUP_PREFIX (consumer groups are `<prefix>-<consumer>`; a deployment or a test run
   * gets its own offsets) and PROJECTS_GRPC_URL (read-your-writes of the project-access read model).
   */
  ...projectAccessConfig('campaigns'),
  /** How often scheduled campaigns whose start time has come are started (ms). */
  CAMPAIGN_START_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
});

export type CampaignsConfig = z.output<typeof campaignsConfigSchema>;
