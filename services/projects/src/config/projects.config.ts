import { envList, envPositiveInt, envUrl } from '@zvonar/platform';
import { z } from 'zod';
import { DEFAULT_INVITATION_TTL_DAYS } from '../project/domain/invitation-rules';

/** The projects service's own variables (the platform's are merged over them at boot). */
export const projectsConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  /** embedded: the bus log in this service's PostgreSQL schema (all-in-one); kafka: KAFKA_BROKERS. */
  BUS: z.enum(['embedded', 'kafka']).default('embedded'),
  KAFKA_BROKERS: envList().optional(),
  /** The personal manager every customer sees on the dashboard (one contact per installation for now). */
  PERSONAL_MANAGER_NAME: z.string().trim().min(1).max(200).default('Служба поддержки Zvonar'),
  PERSONAL_MANAGER_EMAIL: z.string().trim().email().default('support@zvonar.local'),
  PERSONAL_MANAGER_PHONE: z.string().trim().max(32).default(''),
  /** How many days an invitation can be accepted; a year at most (a link should not live forever). */
  INVITATION_TTL_DAYS: envPositiveInt().max(365, 'must be at most 365').default(DEFAULT_INVITATION_TTL_DAYS),
});

export type ProjectsConfig = z.output<typeof projectsConfigSchema>;
