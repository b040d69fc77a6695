import { envList, envPositiveInt, envUrl } from '@zvonar/platform';
import { projectAccessConfig } from '@zvonar/project-access';
import { isIP } from 'node:net';
import { z } from 'zod';

const MIB = 1024 * 1024;

/** `ip` or `ip:port` (IPv6 with a port as `[ip]:port`), as `Resolver.setServers` takes it. */
const isNameServer = (server: string): boolean => {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(server);
  if (bracketed) return isIP(bracketed[1] ?? '') === 6;
  if (isIP(server) !== 0) return true;
  const [host = '', port] = server.split(':');
  return port !== undefined && /^\d{1,5}$/.test(port) && isIP(host) === 4;
};

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
  /**
   * Name servers e-mail validation asks for MX/A/AAAA records, comma-separated `ip` or `ip:port`;
   * empty: the system resolver. The embedded mode may run where the internet's DNS is not reachable:
   * point it at a resolver that is (lookups that cannot be answered make addresses `unknown`).
   */
  EMAIL_DNS_SERVERS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((server) => server.trim())
        .filter(Boolean),
    )
    .refine((servers) => servers.every(isNameServer), { error: 'must list IP addresses, each optionally with :port' }),
  /** How long one DNS question waits (one try) before its domain counts as unknown. */
  EMAIL_DNS_TIMEOUT_MS: envPositiveInt().default(3_000),
  /** DNS questions in flight at most during an e-mail validation. */
  EMAIL_DNS_CONCURRENCY: envPositiveInt().default(16),
});

export type AudiencesConfig = z.output<typeof audiencesConfigSchema>;
