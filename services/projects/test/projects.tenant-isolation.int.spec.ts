import type { Metadata } from '@grpc/grpc-js';
import { principalMetadata } from '@zvonar/project-access';
import { describeTenantIsolation, type IsolationCast, type IsolationVerb } from '@zvonar/project-access/src/testing';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { projectsV1 } from '../src/project/api/projects.proto';
import { call, type ProjectsClient } from './projects.test-client';
import { startProjects } from './start-projects';

const { CustomFieldType, ProjectList, ProjectSort } = projectsV1;

describeWithPostgres('ProjectsService', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let started: Awaited<ReturnType<typeof startProjects>>;
  let client: ProjectsClient['service'];

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'projects_isolation');
    started = await startProjects({ DATABASE_URL: database.url, BUS: 'embedded' });
    client = started.client.service;
  });

  afterAll(async () => {
    await started?.stop();
    await database?.drop();
  });

  const asOwner = (cast: IsolationCast) => principalMetadata(cast.owner);
  const verb = (name: string, need: IsolationVerb['need'], run: (metadata: Metadata, cast: IsolationCast) => Promise<unknown>): IsolationVerb => ({ name, need, call: run });
  const verbs: IsolationVerb[] = [
    verb('GetProject', 'read', (metadata, { projectId }) => call(client.getProject({ projectId }, metadata))),
    { ...verb('GetProjectFields', 'read', (metadata, { projectId }) => call(client.getProjectFields({ projectId }, metadata))), trustsInternalCallers: true },
    verb('ListMembers', 'read', (metadata, { projectId }) => call(client.listMembers({ projectId }, metadata))),
    verb('UpdateProject', 'write', (metadata, { projectId }) => call(client.updateProject({ projectId, name: 'Переименован' }, metadata))),
    verb('AddCustomField', 'write', (metadata, { projectId }) =>
      call(client.addCustomField({ projectId, field: { key: 'age', name: 'Возраст', type: CustomFieldType.CUSTOM_FIELD_TYPE_NUMBER } }, metadata)),
    ),
    verb('RenameCustomField', 'write', (metadata, { projectId }) => call(client.renameCustomField({ projectId, key: 'city', name: 'Населённый пункт' }, metadata))),
    verb('RemoveCustomField', 'write', (metadata, { projectId }) => call(client.removeCustomField({ projectId, key: 'city' }, metadata))),
    verb('SetTags', 'write', (metadata, { projectId }) => call(client.setTags({ projectId, tags: ['чужой'] }, metadata))),
    verb('ArchiveProject', 'manage', (metadata, { projectId }) => call(client.archiveProject({ projectId }, metadata))),
    verb('UnarchiveProject', 'manage', async (metadata, cast) => {
      await call(client.archiveProject({ projectId: cast.projectId }, asOwner(cast)));
      return call(client.unarchiveProject({ projectId: cast.projectId }, metadata));
    }),
    verb('InviteMember', 'manage', (metadata, { projectId }) => call(client.inviteMember({ projectId, email: 'new.member@example.com' }, metadata))),
    verb('ListInvitations', 'manage', (metadata, { projectId }) => call(client.listInvitations({ projectId }, metadata))),
    verb('CancelInvitation', 'manage', async (metadata, cast) => {
      const { invitation } = await call(client.inviteMember({ projectId: cast.projectId, email: 'withdrawn@example.com' }, asOwner(cast)));
      return call(client.cancelInvitation({ projectId: cast.projectId, invitationId: invitation!.invitationId }, metadata));
    }),
    verb('RevokeMember', 'manage', (metadata, { projectId, editor }) => call(client.revokeMember({ projectId, userId: editor.userId }, metadata))),
  ];

  const listed = (list: projectsV1.ProjectList) => async (metadata: Metadata) =>
    (await call(client.listProjects({ list, sort: ProjectSort.PROJECT_SORT_UPDATED, reverse: false, page: { pageSize: 100, pageToken: '' } }, metadata))).projects.map((p) => p.projectId);

  describeTenantIsolation('projects', () => ({
    givenProject: async ({ owner, editor }) => {
      const { project } = await call(
        client.createProject(
          { name: 'Проект арендатора', description: '', customFields: [{ key: 'city', name: 'Город', type: CustomFieldType.CUSTOM_FIELD_TYPE_STRING }], tags: [] },
          principalMetadata(owner),
        ),
      );
      const { invitation } = await call(client.inviteMember({ projectId: project!.projectId, email: editor.email }, principalMetadata(owner)));
      await call(client.acceptInvitation({ invitationId: invitation!.invitationId, token: '' }, principalMetadata(editor)));
      return project!.projectId;
    },
    verbs,
    listings: [
      { name: 'ListProjects mine', ids: listed(ProjectList.PROJECT_LIST_MINE) },
      { name: 'ListProjects shared with me', ids: listed(ProjectList.PROJECT_LIST_SHARED_WITH_ME) },
      { name: 'ListProjects archive', ids: listed(ProjectList.PROJECT_LIST_ARCHIVE) },
      { name: 'ListInvitations of mine', ids: async (metadata) => (await call(client.listInvitations({ projectId: '' }, metadata))).invitations.map((i) => i.projectId) },
      { name: 'GetDashboard', ids: async (metadata) => (await call(client.getDashboard({}, metadata))).recentProjects.map((p) => p.projectId) },
    ],
  }));
});
