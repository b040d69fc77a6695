/** What a started service offers a spec: its gRPC address, and a way to stop it. */
export type StartedService = { readonly grpcUrl: string; shutdown(): Promise<unknown> };

/** A service under test with a client of its gRPC API; `stop` closes the client, then the service. */
export type ServiceUnderTest<S extends StartedService, C extends { close(): void }> = {
  readonly service: S;
  readonly client: C;
  stop(): Promise<void>;
};

/** Loopback HTTP and gRPC servers on ports the OS picks, and quiet logs (a spec's env may override). */
export const LOOPBACK_ENV: Readonly<Record<string, string>> = {
  HTTP_HOST: '127.0.0.1',
  HTTP_PORT: '0',
  GRPC_HOST: '127.0.0.1',
  GRPC_PORT: '0',
  LOG_LEVEL: 'warn',
};

/**
 * Starts a service in this process on loopback ports with `env` over LOOPBACK_ENV, and opens a
 * client at its gRPC address; for int specs.
 *
 * @example
 * startOnLoopback((env) => startService(scenariosService, env), scenariosClient, { DATABASE_URL, BUS: 'embedded' })
 */
export async function startOnLoopback<S extends StartedService, C extends { close(): void }>(
  start: (env: Record<string, string>) => Promise<S>,
  clientAt: (grpcUrl: string) => C,
  env: Record<string, string>,
): Promise<ServiceUnderTest<S, C>> {
  const service = await start({ ...LOOPBACK_ENV, ...env });
  const client = clientAt(service.grpcUrl);
  return {
    service,
    client,
    stop: async () => {
      client.close();
      await service.shutdown();
    },
  };
}
