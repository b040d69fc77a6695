import { projectsV1, projectsV1Package } from '@zvonar/proto-ts';
import type { RpcGroup } from '../../rpc/rpc-route';

const project = '/api/v1/projects/:projectId';

/** Projects, custom fields, tags, sharing and the dashboard: ProjectsService as REST. */
export const projectsRoutes: RpcGroup = {
  name: 'projects',
  grpcPackage: projectsV1Package,
  service: projectsV1.PROJECTS_SERVICE_NAME,
  scope: 'projects',
  routes: [
    { method: 'POST', path: '/api/v1/projects', rpc: 'CreateProject', answer: 'project' },
    { method: 'GET', path: '/api/v1/projects', rpc: 'ListProjects', items: 'projects' },
    { method: 'GET', path: project, rpc: 'GetProject', answer: 'project' },
    { method: 'PATCH', path: project, rpc: 'UpdateProject', answer: 'project' },
    { method: 'POST', path: `${project}/archive`, rpc: 'ArchiveProject', answer: 'project' },
    { method: 'POST', path: `${project}/unarchive`, rpc: 'UnarchiveProject', answer: 'project' },
    { method: 'POST', path: `${project}/custom-fields`, rpc: 'AddCustomField', answer: 'project' },
    { method: 'PUT', path: `${project}/custom-fields/:key`, rpc: 'RenameCustomField', answer: 'project' },
    { method: 'DELETE', path: `${project}/custom-fields/:key`, rpc: 'RemoveCustomField', answer: 'project' },
    { method: 'PUT', path: `${project}/tags`, rpc: 'SetTags', answer: 'project' },
    { method: 'POST', path: `${project}/invitations`, rpc: 'InviteMember', answer: 'invitation' },
    { method: 'GET', path: `${project}/invitations`, rpc: 'ListInvitations', items: 'invitations', operationId: 'listProjectInvitations', summary: 'Pending invitations of a project (owner only)' },
    { method: 'GET', path: '/api/v1/invitations', rpc: 'ListInvitations', items: 'invitations', operationId: 'listMyInvitations', summary: "Pending invitations addressed to the caller's email" },
    { method: 'DELETE', path: `${project}/invitations/:invitationId`, rpc: 'CancelInvitation', status: 204 },
    { method: 'POST', path: '/api/v1/invitations/accept', rpc: 'AcceptInvitation', answer: 'project' },
    { method: 'GET', path: `${project}/members`, rpc: 'ListMembers', items: 'members' },
    { method: 'DELETE', path: `${project}/members/:userId`, rpc: 'RevokeMember', status: 204 },
    { method: 'GET', path: '/api/v1/dashboard', rpc: 'GetDashboard' },
  ],
};
