import './telemetry';
import {
  hostServices,
  loadServiceConfig,
  onShutdownSignal,
  startOrExit,
  startService,
  stopTelemetry,
} from '@zvonar/platform';
import { allInOneHost } from './all-in-one.service';
import { publicGrpcAddressOf, serviceModules } from './service-modules';

// Partners' gRPC API (the gateway's second listener) next to the host's own gRPC port 50051;
// PUBLIC_GRPC_PORT in the environment wins (0: any free port, as the specs start it).
const DEFAULT_PUBLIC_GRPC_PORT = '50052';

async function main(): Promise<void> {
  // The host's own configuration is checked before any hosted service starts listening.
  await startOrExit(async () => loadServiceConfig(allInOneHost([]), process.env));
  const hosted = await startOrExit(() => hostServices(serviceModules, { PUBLIC_GRPC_PORT: DEFAULT_PUBLIC_GRPC_PORT, ...process.env }));
  const host = await startOrExit(() => startService(allInOneHost(hosted.services)));
  onShutdownSignal(async (signal) => {
    host.logger.info({ signal }, 'shutdown requested');
    // The host first: it stops taking requests that would call the hosted services.
    await host.shutdown();
    await hosted.shutdown();
    await stopTelemetry();
  });
  // Started by tools/run/start.mjs with an IPC channel: if that script dies without passing on a
  // signal, the channel closes and the platform shuts down instead of running on orphaned.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  const publicGrpc = publicGrpcAddressOf(hosted.services);
  const lines = [
    `Zvonar all-in-one is up (pid ${process.pid})`,
    `  HTTP      ${host.httpUrl}`,
    `  status    ${host.httpUrl}/api/status`,
    ...(hosted.services.some((service) => service.name === 'gateway')
      ? [`  REST API  ${host.httpUrl}/api/v1  (docs ${host.httpUrl}/api/docs)`]
      : []),
    ...(publicGrpc ? [`  gRPC API  ${publicGrpc}  (public, for partners: an API key in x-api-key)`] : []),
    `  probes    ${host.httpUrl}/healthz  ${host.httpUrl}/readyz`,
    `  gRPC      ${host.grpcUrl}  (all-in-one)`,
    ...hosted.services.map((service) => `  gRPC      ${service.grpcUrl}  (${service.name})`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
