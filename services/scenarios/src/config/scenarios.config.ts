import { envList, envUrl } from '@zvonar/platform';
import { projectAccessConfig } from '@zvonar/project-access';
import { z } from 'zod';

/** The scenarios service's own variables (the platform's are merged over them at boot). */
export const scenariosConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  /** embedded: the bus log in this service's PostgreSQL schema (all-in-one); kafka: KAFKA_BROKERS. */
  BUS: z.enum(['embedded', 'kafka']).default('embedded'),
  KAFKA_BROKERS: envList().optional(),
  /** CONSUMER_GROUP_PREFIX and PROJECTS_GRPC_URL (read-your-writes) for the project-access read model. */
  ...projectAccessConfig('scenarios'),
});

export type ScenariosConfig = z.output<typeof scenariosConfigSchema>;
