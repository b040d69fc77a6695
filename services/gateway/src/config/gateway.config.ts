import { envBoolean, envHost, envList, envMilliseconds, envPort, envPositiveInt, envUrl } from '@zvonar/platform';
import { z } from 'zod';

/** 50 MiB: a million-row CSV of phones and names fits. */
export const IMPORT_UPLOAD_DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** `host:port` of a service's gRPC server, as the platform hands it out (`<NAME>_GRPC_URL`). */
const grpcUrl = () => z.string().regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port');

/**
 * The gateway's own variables (the platform's are merged over them at boot). Identity is required:
 * without it no request can be authenticated. Every other service is optional: when its URL is
 * missing the gateway still starts and that service's routes answer 503 naming it, so a partial
 * deployment (or a service not written yet) degrades route by route instead of refusing to boot.
 */
export const gatewayConfigSchema = z.object({
  /** The idempotency keys live in schema `gateway` of this database. */
  DATABASE_URL: envUrl('postgres', 'postgresql'),
  /** embedded: all-in-one on a developer's machine (GET /api/v1/dev/outbox answers); distributed: Kubernetes. */
  DEPLOYMENT: z.enum(['embedded', 'distributed']).default('embedded'),
  IDENTITY_GRPC_URL: grpcUrl(),
  SCENARIOS_GRPC_URL: grpcUrl().optional(),
  PROJECTS_GRPC_URL: grpcUrl().optional(),
  AUDIENCES_GRPC_URL: grpcUrl().optional(),
  CAMPAIGNS_GRPC_URL: grpcUrl().optional(),
  CALL_CONTROL_GRPC_URL: grpcUrl().optional(),
  /** Requests per minute one account may make (token bucket; the burst is the same number). */
  RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: envPositiveInt().default(600),
  /** Requests per minute one client IP may make, signed in or not (token bucket; the burst is the same number). */
  RATE_LIMIT_PER_IP_PER_MINUTE: envPositiveInt().default(1200),
  /** How long a stored Idempotency-Key answer is replayed. */
  IDEMPOTENCY_TTL_MS: envMilliseconds().default(24 * 60 * 60_000),
  /** A key whose first request has not answered after this long is taken to be abandoned (its process died). */
  IDEMPOTENCY_IN_FLIGHT_TIMEOUT_MS: envMilliseconds().default(60_000),
  /** Largest audience file the upload route takes (the body is held in memory while it is passed on); more answers 413. */
  IMPORT_UPLOAD_MAX_BYTES: envPositiveInt().default(IMPORT_UPLOAD_DEFAULT_MAX_BYTES),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from the ingress in front (per-IP limits and the Secure cookie need the real client). */
  TRUST_PROXY: envBoolean().default(false),
  /**
   * Port of the public gRPC API (the partners' door, beside the REST API). Unset: not served, so
   * several gateways in one test run or host never fight over one port; 0: an ephemeral port, logged.
   * The all-in-one host and the chart set it (9090).
   */
  PUBLIC_GRPC_PORT: envPort().optional(),
  /** Loopback unless told otherwise (a developer's machine); the chart sets 0.0.0.0. */
  PUBLIC_GRPC_HOST: envHost().default('127.0.0.1'),
  /** Where identity's CredentialsChanged events come from: its bus log (embedded, schema `identity`) or Kafka. */
  BUS: z.enum(['embedded', 'kafka']).default('embedded'),
  KAFKA_BROKERS: envList().optional(),
  /** Consumer groups are `<prefix>-<consumer>-<instance>`: every gateway process hears every event. */
  CONSUMER_GROUP_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{0,100}$/, 'must be lower-case letters, digits, dots and dashes')
    .default('gateway'),
  /**
   * Longest a principal identity answered is reused for the same credential (0: ask identity on
   * every request). Changes reach the cache as events within the bus's delivery time; this bounds
   * what a lost event could cost.
   */
  AUTH_CACHE_TTL_MS: envMilliseconds().default(30_000),
  /** Most principals kept (a few hundred bytes each). */
  AUTH_CACHE_MAX_ENTRIES: envPositiveInt().default(20_000),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
