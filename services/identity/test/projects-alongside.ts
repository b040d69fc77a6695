// identity emails the invitations projects issues: these specs host the real projects service
// next to identity, over the same database and bus, as the all-in-one mode does, and call it as
// the gateway would. Only spec helpers compose services; identity's code never imports projects.
import { Metadata } from '@grpc/grpc-js';
import { createGrpcClient, startService, type Clock, type GrpcClient } from '@zvonar/platform';
import { principalMetadata, type Principal } from '@zvonar/project-access';
import { createProjectsService } from '@zvonar/projects';
import { projectsV1, projectsV1Package } from '@zvonar/proto-ts';
import { LOOPBACK_ENV } from '@zvonar/testing';

export type ProjectsClient = GrpcClient<projectsV1.ProjectsServiceClient>;

export async function startProjectsAlongside(env: Record<string, string>, clock: Clock): Promise<{ client: ProjectsClient['service']; stop(): Promise<void> }> {
  const service = await startService(createProjectsService({ clock }), { ...LOOPBACK_ENV, ...env });
  const client: ProjectsClient = createGrpcClient<projectsV1.ProjectsServiceClient>({
    url: service.grpcUrl,
    grpcPackage: projectsV1Package,
    service: projectsV1.PROJECTS_SERVICE_NAME,
    deadlineMs: 10_000,
  });
  return {
    client: client.service,
    stop: async () => {
      client.close();
      await service.shutdown();
    },
  };
}

/** The metadata the gateway forwards for `principal`, optionally asking for English. */
export const as = (principal: Principal, language?: 'en'): Metadata => {
  const metadata = principalMetadata(principal);
  if (language) metadata.set('accept-language', 'en-US,en;q=0.9');
  return metadata;
};
