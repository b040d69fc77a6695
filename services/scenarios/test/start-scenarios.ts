import { startService, type RunningService } from '@zvonar/platform';
import { scenariosService } from '../src/scenarios.service';
import { scenariosClient, type ScenariosClient } from './scenarios.test-client';

/** The scenarios service on loopback ports, in this process, with a client; for int specs. */
export async function startScenarios(
  env: Record<string, string>,
): Promise<{ service: RunningService; client: ScenariosClient; stop(): Promise<void> }> {
  const service = await startService(scenariosService, {
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: '0',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const client = scenariosClient(service.grpcUrl);
  return {
    service,
    client,
    stop: async () => {
      client.close();
      await service.shutdown();
    },
  };
}
