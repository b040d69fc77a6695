import type { Metadata } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import { principalFromMetadata, PROJECT_ACCESS, ProjectAccessRefusal, type AccessNeed, type Principal, type ProjectAccess } from '@zvonar/project-access';

/**
 * Who may read calls and set a project's simulation, checked in the service on its project-access
 * read model (libs/project-access). Every CallsService method needs the principal the gateway
 * forwards; the PlaceCall consumer is internal and never comes through here.
 */
@Injectable()
export class CallsAccess {
  constructor(@Inject(PROJECT_ACCESS) private readonly access: ProjectAccess) {}

  /** The caller, or UNAUTHENTICATED: asked first, so nobody learns anything from validation or lookups. */
  principal(metadata: Metadata | undefined): Principal {
    return principalFromMetadata(metadata);
  }

  /** A blank project id passes here so the request's validation names the field. */
  async project(principal: Principal, projectId: string, need: AccessNeed): Promise<void> {
    if (projectId.trim() !== '') await this.access.assertAccess(principal, projectId, need);
  }

  /**
   * A call is read by whoever may read its project. Someone else's call is answered by `notFound`,
   * exactly like a call that was never placed, so call ids of other tenants are never confirmed.
   */
  async call(principal: Principal, projectId: string, notFound: () => Error): Promise<void> {
    try {
      await this.access.assertAccess(principal, projectId, 'read');
    } catch (error) {
      if (error instanceof ProjectAccessRefusal && error.kind === 'not-found') throw notFound();
      throw error;
    }
  }
}
