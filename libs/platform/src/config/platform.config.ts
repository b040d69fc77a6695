import { z } from 'zod';
import { telemetryConfigShape } from '../telemetry/telemetry.config';
import { envHost, envMilliseconds, envPort } from './env.schemas';

/**
 * What every service reads, whatever it does. A service's own schema is merged over it, so one
 * loadConfig call reports problems of both at once.
 */
export const platformConfigShape = {
  ...telemetryConfigShape,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // 0.0.0.0 in a pod (the kubelet probes the pod IP); the all-in-one host overrides with 127.0.0.1.
  HTTP_HOST: envHost().default('0.0.0.0'),
  HTTP_PORT: envPort().default(8080),
  GRPC_HOST: envHost().default('0.0.0.0'),
  GRPC_PORT: envPort().default(50051),
  // Time between readiness turning false and refusing new work: lets the endpoints controller and
  // load balancers stop routing to this pod first. The chart's preStop hook covers the same gap.
  SHUTDOWN_DELAY_MS: envMilliseconds().default(0),
  // Upper bound on waiting for in-flight work; must stay below terminationGracePeriodSeconds.
  SHUTDOWN_TIMEOUT_MS: envMilliseconds().default(25_000),
  // Deadline of outgoing gRPC calls made through the platform client helper.
  GRPC_CLIENT_DEADLINE_MS: envMilliseconds().default(5_000),
};

export const platformConfigSchema = z.object(platformConfigShape);
export type PlatformConfig = z.output<typeof platformConfigSchema>;
