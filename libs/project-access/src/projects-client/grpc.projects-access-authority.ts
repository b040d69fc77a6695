import { Metadata } from '@grpc/grpc-js';
import { createGrpcClient, type GrpcClient } from '@zvonar/platform';
import { projectsV1, projectsV1Package } from '@zvonar/proto-ts';
import type { Logger } from 'pino';
import { firstValueFrom } from 'rxjs';
import { ProjectAccessRefusal } from '../access/domain/access-refusal';
import type { ProjectAccessAuthority, ProjectAccessRecord } from '../access/project-access.port';
import { memberRoleOf } from '../read-model/project-events';

/** How long a call may wait for projects before the caller is told UNAVAILABLE (it is on the request path). */
export const PROJECTS_CHECK_DEADLINE_MS = 2_000;

/**
 * The projects service's CheckProjectAccess as an internal caller (no principal in the metadata).
 * Any failure — down, slow, broken — means the access cannot be decided: `unavailable`.
 */
export class GrpcProjectsAccessAuthority implements ProjectAccessAuthority {
  private readonly client: GrpcClient<projectsV1.ProjectsServiceClient>;

  constructor(
    url: string,
    private readonly logger: Pick<Logger, 'warn'>,
    deadlineMs = PROJECTS_CHECK_DEADLINE_MS,
  ) {
    this.client = createGrpcClient<projectsV1.ProjectsServiceClient>({
      url,
      grpcPackage: projectsV1Package,
      service: projectsV1.PROJECTS_SERVICE_NAME,
      deadlineMs,
    });
  }

  async recordOf(projectId: string, userId: string): Promise<ProjectAccessRecord | undefined> {
    let answer: projectsV1.CheckProjectAccessResponse;
    try {
      answer = await firstValueFrom(this.client.service.checkProjectAccess({ projectId, userId }, new Metadata()));
    } catch (error) {
      this.logger.warn({ err: error, projectId }, 'projects did not answer CheckProjectAccess; access cannot be decided');
      throw new ProjectAccessRefusal('unavailable', projectId);
    }
    return recordFrom(projectId, userId, answer);
  }

  close(): void {
    this.client.close();
  }
}

/** The answer as the rows a read model would hold; a membership without a known role is none. */
export function recordFrom(projectId: string, userId: string, answer: projectsV1.CheckProjectAccessResponse): ProjectAccessRecord | undefined {
  if (!answer.exists) return undefined;
  const role = memberRoleOf(answer.role);
  const changedAt = answer.changedAt ?? new Date(0);
  return {
    projectId,
    accountId: answer.accountId,
    archived: answer.archived,
    changedAt,
    member: role ? { userId, accountId: answer.memberAccountId, role, grantedAt: answer.grantedAt ?? changedAt } : undefined,
  };
}
