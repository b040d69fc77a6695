import { ConfigError } from '../config/config.error';
import { onShutdownSignal } from '../lifecycle/shutdown-signals';
import { stopTelemetry } from '../telemetry/start-telemetry';
import type { ServiceDefinition } from './service-definition';
import type { Env } from './service-config';
import { startService, type RunningService } from './start-service';

/**
 * The whole life of a service process: validate config (print every problem and exit 1 before
 * anything starts), start, and on SIGTERM/SIGINT drain and exit 0.
 *
 * @example services/<name>/src/main.ts
 * import './telemetry'; // first: starts tracing before NestJS, pg and grpc-js load
 * import { bootstrapService } from '@zvonar/platform';
 * import { campaignsService } from './campaigns.service';
 *
 * void bootstrapService(campaignsService);
 */
export async function bootstrapService(definition: ServiceDefinition, env: Env = process.env): Promise<RunningService> {
  const running = await startOrExit(() => startService(definition, env));
  onShutdownSignal(async (signal) => {
    running.logger.info({ signal }, 'shutdown requested');
    await running.shutdown();
    await stopTelemetry();
  });
  return running;
}

/** Runs `start`; a ConfigError is printed as is (it names every variable) and exits 1. */
export async function startOrExit<T>(start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
