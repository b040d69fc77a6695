import { envList, envUrl } from '@zvonar/platform';
import { z } from 'zod';

/** The campaigns service's own variables (the platform's are merged over them at boot). */
export const campaignsConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  /** embedded: read producers' bus logs in PostgreSQL (all-in-one); kafka: KAFKA_BROKERS. */
  BUS: z.enum(['embedded', 'kafka']).default('embedded'),
  KAFKA_BROKERS: envList().optional(),
  /** Consumer groups are `<prefix>-<consumer>`; a separate prefix gives a deployment (or a test run) its own offsets. */
  CONSUMER_GROUP_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,100}$/, 'must be lower-case letters, digits, dots and dashes')
    .default('campaigns'),
  /** How often scheduled campaigns whose start time has come are started (ms). */
  CAMPAIGN_START_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
});

export type CampaignsConfig = z.output<typeof campaignsConfigSchema>;
