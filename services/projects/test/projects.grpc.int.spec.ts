import { status as GrpcStatus } from '@grpc/grpc-js';
import { ERROR_CODE_METADATA_KEY, fieldViolationsOf } from '@zvonar/platform';
import type { Principal } from '@zvonar/project-access';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { Pool } from 'pg';
import { projectsV1 } from '../src/project/api/projects.proto';
import { aUser, as, call, failure, type ProjectsClient } from './projects.test-client';
import { startProjects } from './start-projects';

const { CustomFieldType, ProjectStatus, ProjectRole, ProjectList, ProjectSort } = projectsV1;
const codeOf = (error: { metadata?: { get(key: string): unknown[] } }) => error.metadata?.get(ERROR_CODE_METADATA_KEY)[0];

describeWithPostgres('ProjectsService over gRPC', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let started: Awaited<ReturnType<typeof startProjects>>;
  let client: ProjectsClient['service'];
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'projects_grpc');
    started = await startProjects({ DATABASE_URL: database.url, BUS: 'embedded', PERSONAL_MANAGER_NAME: 'Анна Петрова', PERSONAL_MANAGER_EMAIL: 'anna@zvonar.ru', PERSONAL_MANAGER_PHONE: '+74951234567' });
    client = started.client.service;
    pool = new Pool({ connectionString: database.url, max: 2 });
  });

  afterAll(async () => {
    await pool?.end();
    await started?.stop();
    await database?.drop();
  });

  const create = async (owner: Principal, name = 'Опрос клиентов', extra: Partial<projectsV1.CreateProjectRequest> = {}) =>
    (await call(client.createProject({ name, description: '', customFields: [], tags: [], ...extra }, as(owner)))).project!;
  const share = async (owner: Principal, projectId: string, invitee: Principal) => {
    const { invitation } = await call(client.inviteMember({ projectId, email: invitee.email.toUpperCase() }, as(owner)));
    return (await call(client.acceptInvitation({ invitationId: invitation!.invitationId, token: '' }, as(invitee)))).project!;
  };

  describe('CreateProject', () => {
    it('makes the caller the owner, with trimmed name, custom fields and tags', async () => {
      const owner = aUser('owner');
      const project = await create(owner, '  Акция   весна ', {
        description: ' Обзвон базы ',
        customFields: [
          { key: 'city', name: 'Город', type: CustomFieldType.CUSTOM_FIELD_TYPE_STRING },
          { key: 'visit_date', name: 'Дата визита', type: CustomFieldType.CUSTOM_FIELD_TYPE_DATE },
        ],
        tags: ['vip', ' VIP ', 'весна'],
      });
      expect(project).toMatchObject({
        name: 'Акция весна',
        description: 'Обзвон базы',
        status: ProjectStatus.PROJECT_STATUS_ACTIVE,
        ownerAccountId: owner.accountId,
        ownerUserId: owner.userId,
        myRole: ProjectRole.PROJECT_ROLE_OWNER,
        tags: ['vip', 'весна'],
        customFields: [
          { key: 'city', name: 'Город', type: CustomFieldType.CUSTOM_FIELD_TYPE_STRING },
          { key: 'visit_date', name: 'Дата визита', type: CustomFieldType.CUSTOM_FIELD_TYPE_DATE },
        ],
      });
      expect((await call(client.getProject({ projectId: project.projectId }, as(owner)))).project).toEqual(project);
    });

    it('answers bad input with field violations in Russian by default and English on request', async () => {
      const owner = aUser();
      const request = {
        name: ' ',
        description: '',
        customFields: [
          { key: '1st', name: 'x', type: CustomFieldType.CUSTOM_FIELD_TYPE_STRING },
          { key: 'Phone', name: 'Телефон', type: CustomFieldType.CUSTOM_FIELD_TYPE_STRING },
          { key: 'phone', name: 'Ещё телефон', type: CustomFieldType.CUSTOM_FIELD_TYPE_UNSPECIFIED },
        ],
        tags: ['x'.repeat(51)],
      };
      const russian = await failure(client.createProject(request, as(owner)));
      expect(russian.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(russian.metadata)).toEqual([
        { field: 'name', code: 'REQUIRED', message: 'Обязательное поле' },
        expect.objectContaining({ field: 'custom_fields[0].key', code: 'INVALID_KEY' }),
        { field: 'custom_fields[2].key', code: 'KEY_TAKEN', message: 'Поле с таким ключом уже есть в проекте' },
        expect.objectContaining({ field: 'custom_fields[2].type', code: 'INVALID_TYPE' }),
        expect.objectContaining({ field: 'tags[0]', code: 'INVALID_TAG' }),
      ]);
      const english = await failure(client.createProject(request, as(owner, 'en')));
      expect(fieldViolationsOf(english.metadata)[0]).toEqual({ field: 'name', code: 'REQUIRED', message: 'This field is required' });
    });

    it('answers text holding a NUL character INVALID_ARGUMENT naming each field, never INTERNAL', async () => {
      const request = { name: 'a\u0000', description: '', customFields: [], tags: ['ok', 'b\u0000'] };
      const error = await failure(client.createProject(request, as(aUser(), 'en')));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata).map(({ field, code }) => `${field} ${code}`).sort()).toEqual(['name NUL_CHARACTER', 'tags[1] NUL_CHARACTER']);
    });

    it('answers a call without a principal UNAUTHENTICATED', async () => {
      const error = await failure(client.createProject({ name: 'x', description: '', customFields: [], tags: [] }));
      expect(error.code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect(error.details).toBe('Требуется вход в систему');
    });
  });

  describe('GetProjectFields', () => {
    it('answers an internal caller without a principal, and a user only with read access', async () => {
      const owner = aUser();
      const { projectId } = await create(owner, 'Поля', { customFields: [{ key: 'city', name: 'Город', type: CustomFieldType.CUSTOM_FIELD_TYPE_STRING }] });
      const internal = await call(client.getProjectFields({ projectId }));
      expect(internal).toEqual({ projectId, status: ProjectStatus.PROJECT_STATUS_ACTIVE, customFields: [{ key: 'city', name: 'Город', type: CustomFieldType.CUSTOM_FIELD_TYPE_STRING }] });
      expect((await call(client.getProjectFields({ projectId }, as(owner)))).customFields).toHaveLength(1);
      expect((await failure(client.getProjectFields({ projectId }, as(aUser())))).code).toBe(GrpcStatus.NOT_FOUND);
      expect((await failure(client.getProjectFields({ projectId: 'no-such-project' }))).code).toBe(GrpcStatus.NOT_FOUND);
    });
  });

  describe('UpdateProject, custom fields and tags', () => {
    it('renames and redescribes, keeping what was not sent', async () => {
      const owner = aUser();
      const { projectId } = await create(owner, 'Старое имя', { description: 'Описание' });
      const { project } = await call(client.updateProject({ projectId, name: 'Новое имя' }, as(owner)));
      expect(project).toMatchObject({ name: 'Новое имя', description: 'Описание' });
      expect(project!.updatedAt!.getTime()).toBeGreaterThanOrEqual(project!.createdAt!.getTime());
    });

    it('adds, renames and removes custom fields with keys unique regardless of case', async () => {
      const owner = aUser();
      const { projectId } = await create(owner);
      const field = (key: string, name = 'Имя') => ({ projectId, field: { key, name, type: CustomFieldType.CUSTOM_FIELD_TYPE_NUMBER } });
      await call(client.addCustomField(field('age', 'Возраст'), as(owner)));
      const taken = await failure(client.addCustomField(field('AGE'), as(owner)));
      expect(fieldViolationsOf(taken.metadata)).toEqual([expect.objectContaining({ field: 'field.key', code: 'KEY_TAKEN' })]);
      const renamed = (await call(client.renameCustomField({ projectId, key: 'age', name: 'Полных лет' }, as(owner)))).project!;
      expect(renamed.customFields).toEqual([{ key: 'age', name: 'Полных лет', type: CustomFieldType.CUSTOM_FIELD_TYPE_NUMBER }]);
      const removed = (await call(client.removeCustomField({ projectId, key: 'age' }, as(owner)))).project!;
      expect(removed.customFields).toEqual([]);
      expect((await failure(client.removeCustomField({ projectId, key: 'age' }, as(owner)))).code).toBe(GrpcStatus.NOT_FOUND);
    });

    it('replaces the tags and refuses more than twenty', async () => {
      const owner = aUser();
      const { projectId } = await create(owner, 'Теги', { tags: ['a'] });
      expect((await call(client.setTags({ projectId, tags: ['b', 'c'] }, as(owner)))).project!.tags).toEqual(['b', 'c']);
      const tooMany = await failure(client.setTags({ projectId, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, as(owner)));
      expect(fieldViolationsOf(tooMany.metadata)).toEqual([expect.objectContaining({ field: 'tags', code: 'TOO_MANY_TAGS' })]);
    });
  });

  describe('ArchiveProject and UnarchiveProject', () => {
    it('freezes the project: writes are FAILED_PRECONDITION until it is unarchived', async () => {
      const owner = aUser();
      const editor = aUser('editor');
      const { projectId } = await create(owner);
      await share(owner, projectId, editor);
      const archived = (await call(client.archiveProject({ projectId }, as(owner)))).project!;
      expect(archived.status).toBe(ProjectStatus.PROJECT_STATUS_ARCHIVED);
      expect(archived.archivedAt).toBeInstanceOf(Date);

      for (const who of [owner, editor]) {
        const refused = await failure(client.setTags({ projectId, tags: ['x'] }, as(who, 'en')));
        expect(refused.code).toBe(GrpcStatus.FAILED_PRECONDITION);
        expect(codeOf(refused)).toBe('PROJECT_ARCHIVED');
        expect(refused.details).toBe('The project is archived and cannot be changed');
        expect((await call(client.getProject({ projectId }, as(who)))).project!.status).toBe(ProjectStatus.PROJECT_STATUS_ARCHIVED);
      }
      expect(codeOf(await failure(client.archiveProject({ projectId }, as(owner))))).toBe('ALREADY_ARCHIVED');

      const restored = (await call(client.unarchiveProject({ projectId }, as(owner)))).project!;
      expect(restored.status).toBe(ProjectStatus.PROJECT_STATUS_ACTIVE);
      expect(restored.archivedAt ?? undefined).toBeUndefined();
      expect((await call(client.setTags({ projectId, tags: ['x'] }, as(editor)))).project!.tags).toEqual(['x']);
    });

    it('lets only the owner archive', async () => {
      const owner = aUser();
      const editor = aUser('editor');
      const { projectId } = await create(owner);
      await share(owner, projectId, editor);
      expect((await failure(client.archiveProject({ projectId }, as(editor)))).code).toBe(GrpcStatus.PERMISSION_DENIED);
      expect((await failure(client.archiveProject({ projectId }, as(aUser())))).code).toBe(GrpcStatus.NOT_FOUND);
    });
  });

  describe('ListProjects', () => {
    it('splits my projects, the shared ones and the archive', async () => {
      const me = aUser('me');
      const colleague = aUser('colleague');
      const mine = await create(me, 'Мой');
      const archivedMine = await create(me, 'Мой архивный');
      await call(client.archiveProject({ projectId: archivedMine.projectId }, as(me)));
      const theirs = await create(colleague, 'Их общий');
      await share(colleague, theirs.projectId, me);
      const theirsArchived = await create(colleague, 'Их архивный');
      await share(colleague, theirsArchived.projectId, me);
      await call(client.archiveProject({ projectId: theirsArchived.projectId }, as(colleague)));
      await create(colleague, 'Их личный');

      const names = async (list: projectsV1.ProjectList) =>
        (await call(client.listProjects({ list, sort: ProjectSort.PROJECT_SORT_NAME, reverse: false, page: undefined }, as(me)))).projects.map((p) => p.name);
      expect(await names(ProjectList.PROJECT_LIST_MINE)).toEqual([mine.name]);
      expect(await names(ProjectList.PROJECT_LIST_SHARED_WITH_ME)).toEqual(['Их общий']);
      expect(await names(ProjectList.PROJECT_LIST_ARCHIVE)).toEqual(['Их архивный', 'Мой архивный']);
      const shared = (await call(client.listProjects({ list: ProjectList.PROJECT_LIST_SHARED_WITH_ME, sort: ProjectSort.PROJECT_SORT_UNSPECIFIED, reverse: false, page: undefined }, as(me)))).projects;
      expect(shared[0]!.myRole).toBe(ProjectRole.PROJECT_ROLE_EDITOR);
    });

    it('pages by cursor in every sort, each project exactly once', async () => {
      const me = aUser();
      const names = ['Дельта', 'альфа', 'Гамма', 'бета', 'Эхо', 'Ёж', 'Жук'];
      for (const name of names) await create(me, name);
      const collect = async (sort: projectsV1.ProjectSort, reverse: boolean) => {
        const seen: string[] = [];
        let pageToken = '';
        let pages = 0;
        do {
          const response = await call(client.listProjects({ list: ProjectList.PROJECT_LIST_MINE, sort, reverse, page: { pageSize: 3, pageToken } }, as(me)));
          seen.push(...response.projects.map((project) => project.name));
          pageToken = response.page!.nextPageToken;
          pages += 1;
        } while (pageToken !== '' && pages < 10);
        return { seen, pages };
      };
      const byName = await collect(ProjectSort.PROJECT_SORT_NAME, false);
      expect(byName.pages).toBe(3);
      // By code point of the lower-cased name (the same on every server): "ё" comes after "я".
      expect(byName.seen).toEqual(['альфа', 'бета', 'гамма', 'дельта', 'жук', 'эхо', 'ёж'].map((lower) => names.find((name) => name.toLowerCase() === lower)));
      expect(new Set(byName.seen)).toEqual(new Set(names));
      expect((await collect(ProjectSort.PROJECT_SORT_CREATED, false)).seen).toEqual([...names].reverse());
      expect((await collect(ProjectSort.PROJECT_SORT_CREATED, true)).seen).toEqual(names);
      // The first project is changed last: it comes first by "updated".
      const { projects } = await call(client.listProjects({ list: ProjectList.PROJECT_LIST_MINE, sort: ProjectSort.PROJECT_SORT_CREATED, reverse: true, page: undefined }, as(me)));
      await call(client.setTags({ projectId: projects[0]!.projectId, tags: ['touched'] }, as(me)));
      expect((await collect(ProjectSort.PROJECT_SORT_UPDATED, false)).seen[0]).toBe(names[0]);
    });

    it('refuses a forged page token with a field violation', async () => {
      const error = await failure(client.listProjects({ list: ProjectList.PROJECT_LIST_MINE, sort: ProjectSort.PROJECT_SORT_NAME, reverse: false, page: { pageSize: 1, pageToken: 'not-a-token' } }, as(aUser())));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata)).toEqual([expect.objectContaining({ field: 'page.page_token', code: 'INVALID_PAGE_TOKEN' })]);
    });
  });

  describe('sharing by email', () => {
    it('invite → accept: the invitee reads and writes, a stranger gets NOT_FOUND', async () => {
      const owner = aUser('owner');
      const invitee = aUser('invitee');
      const stranger = aUser('stranger');
      const { projectId } = await create(owner, 'Общий');
      const { invitation } = await call(client.inviteMember({ projectId, email: ` ${invitee.email.toUpperCase()} ` }, as(owner)));
      expect(invitation).toMatchObject({ email: invitee.email, status: projectsV1.InvitationStatus.INVITATION_STATUS_PENDING, projectName: 'Общий' });
      expect(invitation!.token).not.toBe('');

      // Before accepting, the invitee has no access, but sees the invitation addressed to them.
      expect((await failure(client.getProject({ projectId }, as(invitee)))).code).toBe(GrpcStatus.NOT_FOUND);
      const mine = (await call(client.listInvitations({ projectId: '' }, as(invitee)))).invitations;
      expect(mine.map((item) => [item.invitationId, item.token])).toEqual([[invitation!.invitationId, '']]);
      // Someone else cannot accept it by id.
      expect((await failure(client.acceptInvitation({ invitationId: invitation!.invitationId, token: '' }, as(stranger)))).code).toBe(GrpcStatus.NOT_FOUND);

      const joined = (await call(client.acceptInvitation({ invitationId: invitation!.invitationId, token: '' }, as(invitee)))).project!;
      expect(joined.myRole).toBe(ProjectRole.PROJECT_ROLE_EDITOR);
      expect((await call(client.updateProject({ projectId, description: 'правка редактора' }, as(invitee)))).project!.description).toBe('правка редактора');
      const members = (await call(client.listMembers({ projectId }, as(invitee)))).members;
      expect(members.map((member) => [member.userId, member.role])).toEqual([
        [owner.userId, ProjectRole.PROJECT_ROLE_OWNER],
        [invitee.userId, ProjectRole.PROJECT_ROLE_EDITOR],
      ]);
      expect((await failure(client.getProject({ projectId }, as(stranger)))).code).toBe(GrpcStatus.NOT_FOUND);
      expect(codeOf(await failure(client.acceptInvitation({ invitationId: invitation!.invitationId, token: '' }, as(invitee))))).toBe('INVITATION_ALREADY_ACCEPTED');
      expect((await call(client.listInvitations({ projectId }, as(owner)))).invitations).toEqual([]);
    });

    it('accepts by token whoever holds it, whatever their email', async () => {
      const owner = aUser();
      const holder = aUser('holder');
      const { projectId } = await create(owner);
      const { invitation } = await call(client.inviteMember({ projectId, email: 'someone.else@example.com' }, as(owner)));
      const joined = (await call(client.acceptInvitation({ invitationId: '', token: invitation!.token }, as(holder)))).project!;
      expect(joined.projectId).toBe(projectId);
      expect((await failure(client.acceptInvitation({ invitationId: '', token: 'forged' }, as(aUser())))).code).toBe(GrpcStatus.NOT_FOUND);
    });

    it('grants once when the same invitation is accepted twice at the same time', async () => {
      const owner = aUser();
      const invitee = aUser('invitee');
      const { projectId } = await create(owner);
      const { invitation } = await call(client.inviteMember({ projectId, email: invitee.email }, as(owner)));
      const attempts = await Promise.allSettled([
        call(client.acceptInvitation({ invitationId: invitation!.invitationId, token: '' }, as(invitee))),
        call(client.acceptInvitation({ invitationId: '', token: invitation!.token }, as(invitee))),
        call(client.acceptInvitation({ invitationId: '', token: invitation!.token }, as(aUser('other')))),
      ]);
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      const members = (await call(client.listMembers({ projectId }, as(owner)))).members;
      expect(members).toHaveLength(2);
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM projects.outbox WHERE message_key = $1 AND type = 'zvonar.projects.v1.ProjectMemberGranted'`,
        [projectId],
      );
      // The owner's grant on creation and exactly one for the invitation.
      expect(rows[0]).toEqual({ n: 2 });
    });

    it('refuses a second invitation to the same address and an invitation to a member', async () => {
      const owner = aUser();
      const member = aUser('member');
      const { projectId } = await create(owner);
      await share(owner, projectId, member);
      expect(codeOf(await failure(client.inviteMember({ projectId, email: member.email }, as(owner))))).toBe('ALREADY_MEMBER');
      await call(client.inviteMember({ projectId, email: 'twice@example.com' }, as(owner)));
      expect(codeOf(await failure(client.inviteMember({ projectId, email: 'Twice@Example.com' }, as(owner))))).toBe('ALREADY_INVITED');
      const bad = await failure(client.inviteMember({ projectId, email: 'not an email' }, as(owner)));
      expect(fieldViolationsOf(bad.metadata)).toEqual([expect.objectContaining({ field: 'email', code: 'INVALID_EMAIL' })]);
    });

    it('withdraws a pending invitation: neither its id nor its token accepts any more', async () => {
      const owner = aUser();
      const invitee = aUser('invitee');
      const { projectId } = await create(owner);
      const { invitation } = await call(client.inviteMember({ projectId, email: invitee.email }, as(owner)));
      await call(client.cancelInvitation({ projectId, invitationId: invitation!.invitationId }, as(owner)));
      expect((await call(client.listInvitations({ projectId }, as(owner)))).invitations).toEqual([]);
      expect((await failure(client.acceptInvitation({ invitationId: invitation!.invitationId, token: '' }, as(invitee)))).code).toBe(GrpcStatus.NOT_FOUND);
      expect((await failure(client.acceptInvitation({ invitationId: '', token: invitation!.token }, as(invitee)))).code).toBe(GrpcStatus.NOT_FOUND);
      expect((await failure(client.cancelInvitation({ projectId, invitationId: invitation!.invitationId }, as(owner)))).code).toBe(GrpcStatus.NOT_FOUND);
    });

    it('lets only the owner invite and revoke; revoking takes the access away', async () => {
      const owner = aUser();
      const editor = aUser('editor');
      const { projectId } = await create(owner);
      await share(owner, projectId, editor);
      expect((await failure(client.inviteMember({ projectId, email: 'x@example.com' }, as(editor)))).code).toBe(GrpcStatus.PERMISSION_DENIED);
      expect((await failure(client.revokeMember({ projectId, userId: owner.userId }, as(editor)))).code).toBe(GrpcStatus.PERMISSION_DENIED);
      expect(codeOf(await failure(client.revokeMember({ projectId, userId: owner.userId }, as(owner))))).toBe('OWNER_CANNOT_BE_REVOKED');

      await call(client.revokeMember({ projectId, userId: editor.userId }, as(owner)));
      expect((await failure(client.getProject({ projectId }, as(editor)))).code).toBe(GrpcStatus.NOT_FOUND);
      expect((await failure(client.revokeMember({ projectId, userId: editor.userId }, as(owner)))).code).toBe(GrpcStatus.NOT_FOUND);
    });
  });

  describe('staff', () => {
    it('admins and support read any project but change nothing', async () => {
      const owner = aUser();
      const { projectId } = await create(owner);
      for (const role of ['admin', 'support']) {
        const staff = aUser(role, ['user', role]);
        const { project } = await call(client.getProject({ projectId }, as(staff)));
        expect(project!.myRole).toBe(ProjectRole.PROJECT_ROLE_UNSPECIFIED);
        expect((await failure(client.setTags({ projectId, tags: [] }, as(staff)))).code).toBe(GrpcStatus.PERMISSION_DENIED);
      }
    });
  });

  describe('GetDashboard', () => {
    it('shows the three most recently changed active projects, the manager and the news in the caller language', async () => {
      const me = aUser();
      const projects = [];
      for (const name of ['Первый', 'Второй', 'Третий', 'Четвёртый']) projects.push(await create(me, name));
      await call(client.setTags({ projectId: projects[0]!.projectId, tags: ['fresh'] }, as(me)));
      await call(client.archiveProject({ projectId: projects[3]!.projectId }, as(me)));
      await pool.query(
        `INSERT INTO projects.news_items (news_id, locale, title, body, url, published_at) VALUES
           ('n1', 'ru', 'Старая новость', '', '', '2026-01-01T00:00:00Z'),
           ('n2', 'ru', 'Свежая новость', 'Текст', 'https://zvonar.ru/news/2', '2026-02-01T00:00:00Z'),
           ('n2-en', 'en', 'Fresh news', 'Text', 'https://zvonar.ru/news/2', '2026-02-01T00:00:00Z')`,
      );
      const dashboard = await call(client.getDashboard({}, as(me)));
      expect(dashboard.recentProjects.map((project) => project.name)).toEqual(['Первый', 'Третий', 'Второй']);
      expect(dashboard.personalManager).toEqual({ name: 'Анна Петрова', email: 'anna@zvonar.ru', phone: '+74951234567' });
      expect(dashboard.news.map((item) => item.title)).toEqual(['Свежая новость', 'Старая новость']);
      expect((await call(client.getDashboard({}, as(me, 'en')))).news.map((item) => item.title)).toEqual(['Fresh news']);
    });
  });
});
