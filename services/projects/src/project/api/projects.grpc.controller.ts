import type { Metadata } from '@grpc/grpc-js';
import { Controller, UseFilters } from '@nestjs/common';
import { localeFrom, optionalPrincipalFrom, principalFromMetadata, ProjectAccessGrpcFilter, ProjectAccessRefusal, type Locale } from '@zvonar/project-access';
import { Dashboard } from '../application/dashboard';
import { Projects } from '../application/projects';
import { Sharing } from '../application/sharing';
import {
  fromProtoField,
  fromProtoList,
  fromProtoSort,
  toProtoAccessRecord,
  toProtoInvitation,
  toProtoManager,
  toProtoMember,
  toProtoNews,
  toProtoProject,
} from './projects.grpc.mapper';
import { projectsV1 } from './projects.proto';

const localeOf = (metadata: Metadata | undefined): Locale => {
  const [value] = metadata?.get('accept-language') ?? [];
  return localeFrom(typeof value === 'string' ? value : undefined);
};

/**
 * zvonar.projects.v1.ProjectsService: the principal and language from the metadata, application
 * calls, proto out. Every method needs a principal (UNAUTHENTICATED without one), except the two
 * for internal callers: GetProjectFields (trusted without one) and CheckProjectAccess (only without one).
 */
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
@projectsV1.ProjectsServiceControllerMethods()
export class ProjectsGrpcController implements projectsV1.ProjectsServiceController {
  constructor(
    private readonly projects: Projects,
    private readonly sharing: Sharing,
    private readonly dashboard: Dashboard,
  ) {}

  async createProject(request: projectsV1.CreateProjectRequest, metadata?: Metadata): Promise<projectsV1.CreateProjectResponse> {
    const project = await this.projects.create(
      principalFromMetadata(metadata),
      { name: request.name, description: request.description, customFields: request.customFields.map(fromProtoField), tags: request.tags },
      localeOf(metadata),
    );
    return { project: toProtoProject(project) };
  }

  async getProject(request: projectsV1.GetProjectRequest, metadata?: Metadata): Promise<projectsV1.GetProjectResponse> {
    return { project: toProtoProject(await this.projects.get(principalFromMetadata(metadata), request.projectId)) };
  }

  async getProjectFields(request: projectsV1.GetProjectFieldsRequest, metadata?: Metadata): Promise<projectsV1.GetProjectFieldsResponse> {
    const principal = optionalPrincipalFrom(metadata);
    const project = principal ? await this.projects.get(principal, request.projectId) : await this.projects.getForService(request.projectId);
    const { projectId, status, customFields } = toProtoProject(project);
    return { projectId, status, customFields };
  }

  async checkProjectAccess(request: projectsV1.CheckProjectAccessRequest, metadata?: Metadata): Promise<projectsV1.CheckProjectAccessResponse> {
    // For services only: a person may not ask what access someone else has.
    if (optionalPrincipalFrom(metadata)) throw new ProjectAccessRefusal('forbidden', request.projectId);
    return toProtoAccessRecord(await this.projects.accessRecordForService(request.projectId, request.userId));
  }

  async updateProject(request: projectsV1.UpdateProjectRequest, metadata?: Metadata): Promise<projectsV1.UpdateProjectResponse> {
    const project = await this.projects.update(principalFromMetadata(metadata), request, localeOf(metadata));
    return { project: toProtoProject(project) };
  }

  async archiveProject(request: projectsV1.ArchiveProjectRequest, metadata?: Metadata): Promise<projectsV1.ArchiveProjectResponse> {
    return { project: toProtoProject(await this.projects.archive(principalFromMetadata(metadata), request.projectId, localeOf(metadata))) };
  }

  async unarchiveProject(request: projectsV1.UnarchiveProjectRequest, metadata?: Metadata): Promise<projectsV1.UnarchiveProjectResponse> {
    return { project: toProtoProject(await this.projects.unarchive(principalFromMetadata(metadata), request.projectId, localeOf(metadata))) };
  }

  async listProjects(request: projectsV1.ListProjectsRequest, metadata?: Metadata): Promise<projectsV1.ListProjectsResponse> {
    const page = await this.projects.list(
      principalFromMetadata(metadata),
      {
        list: fromProtoList(request.list),
        sort: fromProtoSort(request.sort),
        reverse: request.reverse,
        pageToken: request.page?.pageToken ?? '',
        pageSize: request.page?.pageSize ?? 0,
      },
      localeOf(metadata),
    );
    return { projects: page.items.map(toProtoProject), page: { nextPageToken: page.nextPageToken } };
  }

  async addCustomField(request: projectsV1.AddCustomFieldRequest, metadata?: Metadata): Promise<projectsV1.AddCustomFieldResponse> {
    const project = await this.projects.addCustomField(principalFromMetadata(metadata), request.projectId, fromProtoField(request.field), localeOf(metadata));
    return { project: toProtoProject(project) };
  }

  async renameCustomField(request: projectsV1.RenameCustomFieldRequest, metadata?: Metadata): Promise<projectsV1.RenameCustomFieldResponse> {
    const project = await this.projects.renameCustomField(principalFromMetadata(metadata), request.projectId, request.key, request.name, localeOf(metadata));
    return { project: toProtoProject(project) };
  }

  async removeCustomField(request: projectsV1.RemoveCustomFieldRequest, metadata?: Metadata): Promise<projectsV1.RemoveCustomFieldResponse> {
    const project = await this.projects.removeCustomField(principalFromMetadata(metadata), request.projectId, request.key, localeOf(metadata));
    return { project: toProtoProject(project) };
  }

  async setTags(request: projectsV1.SetTagsRequest, metadata?: Metadata): Promise<projectsV1.SetTagsResponse> {
    return { project: toProtoProject(await this.projects.setTags(principalFromMetadata(metadata), request.projectId, request.tags, localeOf(metadata))) };
  }

  async inviteMember(request: projectsV1.InviteMemberRequest, metadata?: Metadata): Promise<projectsV1.InviteMemberResponse> {
    const { invitation, token } = await this.sharing.invite(principalFromMetadata(metadata), request.projectId, request.email, localeOf(metadata));
    return { invitation: toProtoInvitation(invitation, token) };
  }

  async listInvitations(request: projectsV1.ListInvitationsRequest, metadata?: Metadata): Promise<projectsV1.ListInvitationsResponse> {
    const invitations = await this.sharing.pending(principalFromMetadata(metadata), request.projectId);
    return { invitations: invitations.map((invitation) => toProtoInvitation(invitation)) };
  }

  async cancelInvitation(request: projectsV1.CancelInvitationRequest, metadata?: Metadata): Promise<projectsV1.CancelInvitationResponse> {
    await this.sharing.cancel(principalFromMetadata(metadata), request.projectId, request.invitationId, localeOf(metadata));
    return {};
  }

  async acceptInvitation(request: projectsV1.AcceptInvitationRequest, metadata?: Metadata): Promise<projectsV1.AcceptInvitationResponse> {
    const project = await this.sharing.accept(principalFromMetadata(metadata), { invitationId: request.invitationId, token: request.token }, localeOf(metadata));
    return { project: toProtoProject(project) };
  }

  async listMembers(request: projectsV1.ListMembersRequest, metadata?: Metadata): Promise<projectsV1.ListMembersResponse> {
    return { members: (await this.sharing.members(principalFromMetadata(metadata), request.projectId)).map(toProtoMember) };
  }

  async revokeMember(request: projectsV1.RevokeMemberRequest, metadata?: Metadata): Promise<projectsV1.RevokeMemberResponse> {
    await this.sharing.revoke(principalFromMetadata(metadata), request.projectId, request.userId, localeOf(metadata));
    return {};
  }

  async getDashboard(_request: projectsV1.GetDashboardRequest, metadata?: Metadata): Promise<projectsV1.GetDashboardResponse> {
    const dashboard = await this.dashboard.of(principalFromMetadata(metadata), localeOf(metadata));
    return {
      recentProjects: dashboard.recent.map(toProtoProject),
      personalManager: toProtoManager(dashboard.manager),
      news: dashboard.news.map(toProtoNews),
    };
  }
}
