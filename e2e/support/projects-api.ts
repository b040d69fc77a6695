import { createGrpcClient, type GrpcClient } from '@zvonar/platform';
import { principalMetadata, type Principal } from '@zvonar/project-access';
import { projectsV1, projectsV1Package } from '@zvonar/proto-ts';
import { randomUUID } from 'node:crypto';
import { firstValueFrom } from 'rxjs';

/** A user of an account of their own, as the gateway forwards them after identity signed them in. */
export const aMarketer = (): Principal => {
  const id = randomUUID();
  return { accountId: `account-${id}`, userId: `user-${id}`, roles: ['user'], email: `marketer-${id.slice(0, 8)}@example.com` };
};

/** The projects gRPC API as the gateway calls it: the proto contract and the principal's metadata. */
export class ProjectsApi {
  private readonly client: GrpcClient<projectsV1.ProjectsServiceClient>;

  constructor(grpcUrl: string) {
    this.client = createGrpcClient<projectsV1.ProjectsServiceClient>({
      url: grpcUrl,
      grpcPackage: projectsV1Package,
      service: projectsV1.PROJECTS_SERVICE_NAME,
      deadlineMs: 10_000,
    });
  }

  /** A new project owned by `owner`; returns its id. */
  async createProject(owner: Principal, name: string): Promise<string> {
    const { project } = await firstValueFrom(
      this.client.service.createProject({ name, description: '', customFields: [], tags: [] }, principalMetadata(owner)),
    );
    return project!.projectId;
  }

  close(): void {
    this.client.close();
  }
}
