import { startService, type RunningService } from '@zvonar/platform';
import { projectsService } from '../src/projects.service';
import { projectsClient, type ProjectsClient } from './projects.test-client';

/** The projects service on loopback ports, in this process, with a client; for int specs. */
export async function startProjects(
  env: Record<string, string>,
): Promise<{ service: RunningService; client: ProjectsClient; stop(): Promise<void> }> {
  const service = await startService(projectsService, {
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: '0',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const client = projectsClient(service.grpcUrl);
  return {
    service,
    client,
    stop: async () => {
      client.close();
      await service.shutdown();
    },
  };
}
