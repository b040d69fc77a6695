import { envList, envPositiveInt, envUrl } from '@zvonar/platform';
import { projectAccessConfig } from '@zvonar/project-access';
import { z } from 'zod';

const MIB = 1024 * 1024;

/** The audiences service's own variables (the platform's are merged over them at boot). */
export const audiencesConfigSchema = z.object({
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  /** embedded: the bus logs in PostgreSQL (all-in-one); kafka: KAFKA_BROKERS. */
  BUS: z.enum(['embedded', 'kafka']).default('embedded'),
  KAFKA_BROKERS: envList().optional(),
  /** CONSUMER_GROUP_PREFIX for every consumer, and PROJECTS_GRPC_URL for read-your-writes access checks. */
  ...projectAccessConfig('audiences'),
  /** The largest import file accepted, in bytes (default 200 MiB: a million rows with a few columns). */
  AUDIENCES_IMPORT_LIMIT_BYTES: envPositiveInt().default(200 * MIB),
  /**
   * An import writes its contacts in batches, each in its own short transaction with the job's
   * progress: a batch closes after this many rows of the file ...
   */
  AUDIENCES_IMPORT_BATCH_ROWS: envPositiveInt().default(2_000),
  /** ... or after this many milliseconds (slow rows), so no transaction stays open long. */
  AUDIENCES_IMPORT_BATCH_MS: envPositiveInt().default(1_000),
  /** Runs of one import (the first and its resumptions after a failure that is not the file's) before it is failed. */
  AUDIENCES_IMPORT_ATTEMPTS: envPositiveInt().default(3),
  /** Country of numbers written without a country code, when a request names none. */
  AUDIENCES_DEFAULT_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as RU')
    .default('RU'),
  /** Where the generated numbering data lives (tools/numbering-data); the workspace's .zvonar/numbering-data when unset. */
  ZVONAR_NUMBERING_DATA_DIR: z.string().optional(),
});

export type AudiencesConfig = z.output<typeof audiencesConfigSchema>;
