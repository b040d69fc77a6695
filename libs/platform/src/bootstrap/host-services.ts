import type { ServiceDefinition } from './service-definition';
import { loadServiceConfig, type Env } from './service-config';
import { freePort } from '../grpc/free-port';
import { loopbackGrpcUrls } from './service-addresses';
import { startService, type RunningService } from './start-service';

/** Services hosted together in one process (the all-in-one mode). */
export interface HostedServices {
  readonly services: readonly RunningService[];
  /** Drains every hosted service at once and closes them. */
  shutdown(): Promise<boolean>;
}

/**
 * Starts each service module as its own Nest app in this process, each with its own gRPC
 * server on a loopback port (and its own loopback HTTP port for probes), so services call each
 * other through gRPC exactly as when each runs in its own pod. The shared environment (database,
 * bus, providers) is passed to all; only the listen addresses are overridden.
 */
export async function hostServices(
  definitions: readonly ServiceDefinition[],
  env: Env = process.env,
): Promise<HostedServices> {
  const grpcPorts = new Map<string, number>();
  for (const definition of definitions) grpcPorts.set(definition.name, await freePort());
  // Every service is told where every other one listens (`<NAME>_GRPC_URL`) before any starts.
  const shared = { ...env, ...loopbackGrpcUrls(grpcPorts), HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', GRPC_HOST: '127.0.0.1' };
  const envOf = (definition: ServiceDefinition): Env => ({ ...shared, GRPC_PORT: String(grpcPorts.get(definition.name)) });
  // Every module's configuration is checked before the first one starts listening.
  for (const definition of definitions) loadServiceConfig(definition, envOf(definition));
  const services: RunningService[] = [];
  try {
    // One after another: a failing module stops the start with its own error, and the ones
    // already started are closed below instead of being left listening.
    for (const definition of definitions) services.push(await startService(definition, envOf(definition)));
  } catch (error) {
    await Promise.allSettled(services.map((service) => service.shutdown()));
    throw error;
  }
  return {
    services,
    shutdown: async () => (await Promise.all(services.map((service) => service.shutdown()))).every(Boolean),
  };
}
