import { envList, envUrl } from '@zvonar/platform';
import { z } from 'zod';

/** The campaigns service's own variables (the platform's are merged over them at boot). */
export const campaignsConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  /** embedded: read producers' bus logs in PostgreSQL (all-in-one); kafka: KAFKA_BROKERS. */
  BUS: z.enum(['embedded', 'kafka']).default('embedded'),
  KAFKA_BROKERS: envList().optional(),
});

export type CampaignsConfig = z.output<typeof campaignsConfigSchema>;
