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
import { serviceModules } from './service-modules';

async function main(): Promise<void> {
  // The host's own configuration is checked before any hosted service starts listening.
  await startOrExit(async () => loadServiceConfig(allInOneHost([]), process.env));
  const hosted = await startOrExit(() => hostServices(serviceModules));
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
  const lines = [
    `Zvonar all-in-one is up (pid ${process.pid})`,
    `  HTTP      ${host.httpUrl}`,
    `  status    ${host.httpUrl}/api/status`,
    ...(hosted.services.some((service) => service.name === 'gateway')
      ? [`  REST API  ${host.httpUrl}/api/v1  (docs ${host.httpUrl}/api/docs)`]
      : []),
    `  probes    ${host.httpUrl}/healthz  ${host.httpUrl}/readyz`,
    `  gRPC      ${host.grpcUrl}  (all-in-one)`,
    ...hosted.services.map((service) => `  gRPC      ${service.grpcUrl}  (${service.name})`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
