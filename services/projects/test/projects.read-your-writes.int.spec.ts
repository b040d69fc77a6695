import { status as GrpcStatus } from '@grpc/grpc-js';
import { createLogger, createPool, freePort, runMigrations } from '@zvonar/platform';
import {
  GrpcProjectsAccessAuthority,
  PolicyProjectAccess,
  PostgresProjectAccessFacts,
  ProjectAccessConsumer,
  projectAccessMigrations,
  ReadYourWritesFacts,
  type AccessNeed,
  type Principal,
} from '@zvonar/project-access';
import { accessOutcome, untilAccess } from '@zvonar/project-access/src/testing';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import type { Pool } from 'pg';
import { aUser, as, call, failure, type ProjectsClient } from './projects.test-client';
import { startProjects } from './start-projects';

// Another service's view of projects: its own schema with the access read model. Its consumer is
// started only where a test says so, so "allowed" before that cannot have come from the events.
const CONSUMER_SCHEMA = 'scenarios_view';
const logger = createLogger({ service: 'scenarios-view', level: 'silent' });

describeWithPostgres('read-your-writes: a miss in another service’s access read model is asked of projects', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let started: Awaited<ReturnType<typeof startProjects>>;
  let client: ProjectsClient['service'];
  let pool: Pool;
  let readModel: PostgresProjectAccessFacts;
  let projects: GrpcProjectsAccessAuthority;
  let access: PolicyProjectAccess;
  let consumer: ProjectAccessConsumer | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'projects_ryw');
    started = await startProjects({ DATABASE_URL: database.url, BUS: 'embedded' });
    client = started.client.service;
    pool = createPool(database.url, { schema: CONSUMER_SCHEMA, max: 4 });
    await runMigrations(pool, CONSUMER_SCHEMA, projectAccessMigrations);
    readModel = new PostgresProjectAccessFacts(pool);
    projects = new GrpcProjectsAccessAuthority(started.service.grpcUrl, logger);
    access = new PolicyProjectAccess(new ReadYourWritesFacts(readModel, projects));
  });

  afterAll(async () => {
    await consumer?.stop();
    projects?.close();
    await pool?.end();
    await started?.stop();
    await database?.drop();
  });

  const outcome = (who: Principal, projectId: string, need: AccessNeed) => accessOutcome(access, who, projectId, need);
  const newProject = async (owner: Principal): Promise<string> =>
    (await call(client.createProject({ name: 'Свежий проект', description: '', customFields: [], tags: [] }, as(owner)))).project!.projectId;
  const share = async (owner: Principal, projectId: string, editor: Principal): Promise<void> => {
    const { invitation } = await call(client.inviteMember({ projectId, email: editor.email }, as(owner)));
    await call(client.acceptInvitation({ invitationId: invitation!.invitationId, token: '' }, as(editor)));
  };
  const rowsOf = async (projectId: string) => ({
    projects: (await pool.query('SELECT project_id, account_id, archived FROM project_access_projects WHERE project_id = $1', [projectId])).rows,
    members: (await pool.query('SELECT user_id, account_id, role FROM project_access_members WHERE project_id = $1 ORDER BY role, user_id', [projectId])).rows,
  });
  const startConsumer = async (): Promise<ProjectAccessConsumer> => {
    consumer ??= new ProjectAccessConsumer({ service: 'scenarios-view', schema: CONSUMER_SCHEMA, pool, BUS: 'embedded', logger });
    if (!consumer.joined) await consumer.start();
    return consumer;
  };
  const appliedEvents = async (projectId: string): Promise<number> => {
    // Messages of a project carry its id in their own id (the outbox's message ids).
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM processed_messages WHERE message_id LIKE '%' || $1 || '%'`, [projectId]);
    return rows[0]!.n;
  };

  it('a project created a moment ago is allowed at once, before any event arrived; strangers still get NOT_FOUND', async () => {
    const owner = aUser('owner');
    const projectId = await newProject(owner);

    expect(await outcome(owner, projectId, 'write')).toBe('allowed as owner');
    expect(await outcome(aUser('stranger'), projectId, 'read')).toBe('not-found');
    expect(await outcome(aUser('support', ['user', 'support']), projectId, 'write')).toBe('forbidden');
    expect(await outcome(owner, 'no-such-project', 'read')).toBe('not-found');
    expect(await rowsOf(projectId)).toEqual({
      projects: [{ project_id: projectId, account_id: owner.accountId, archived: false }],
      members: [{ user_id: owner.userId, account_id: owner.accountId, role: 'owner' }],
    });
  });

  it('the events arriving later change nothing the fill wrote', async () => {
    const owner = aUser('owner');
    const projectId = await newProject(owner);
    expect(await outcome(owner, projectId, 'manage')).toBe('allowed as owner');
    const filled = await rowsOf(projectId);

    await startConsumer();
    await eventually(async () => (await appliedEvents(projectId)) >= 2, { what: `ProjectCreated and ProjectMemberGranted of ${projectId}`, timeoutMs: 15_000 });
    expect(await rowsOf(projectId)).toEqual(filled);
    expect(await outcome(owner, projectId, 'manage')).toBe('allowed as owner');
  });

  it('a hit never calls projects: with projects gone, a known member is still answered', async () => {
    const owner = aUser('owner');
    const projectId = await newProject(owner);
    expect(await outcome(owner, projectId, 'write')).toBe('allowed as owner');

    const gone = new GrpcProjectsAccessAuthority(`127.0.0.1:${await freePort('127.0.0.1')}`, logger, 500);
    try {
      const withoutProjects = new PolicyProjectAccess(new ReadYourWritesFacts(readModel, gone));
      expect(await accessOutcome(withoutProjects, owner, projectId, 'write')).toBe('allowed as owner');
      // A miss cannot be decided without projects: UNAVAILABLE, not a NOT_FOUND that would be wrong.
      expect(await accessOutcome(withoutProjects, aUser('stranger'), projectId, 'read')).toBe('unavailable');
      expect(await accessOutcome(withoutProjects, owner, 'project-nobody-knows', 'read')).toBe('unavailable');
    } finally {
      gone.close();
    }
  });

  it('a revoke applied from the events keeps the member out, even against a fill read before the revoke', async () => {
    const owner = aUser('owner');
    const editor = aUser('editor');
    const projectId = await newProject(owner);
    await share(owner, projectId, editor);
    // Filled from projects at once, the consumer not needed.
    expect(await outcome(editor, projectId, 'write')).toBe('allowed as editor');
    const staleRecord = (await projects.recordOf(projectId, editor.userId))!;
    expect(staleRecord.member).toMatchObject({ userId: editor.userId, accountId: editor.accountId, role: 'editor' });

    await startConsumer();
    await call(client.revokeMember({ projectId, userId: editor.userId }, as(owner)));
    await untilAccess(access, [editor, projectId, 'read'], 'not-found');

    // The race: an answer read before the revoke is written after the revoke was applied.
    await readModel.fill(staleRecord);
    expect(await outcome(editor, projectId, 'read')).toBe('not-found');
    expect((await rowsOf(projectId)).members).toEqual([{ user_id: owner.userId, account_id: owner.accountId, role: 'owner' }]);

    // Shared again later: the new grant is newer than the revoke and lets the editor back in.
    await share(owner, projectId, editor);
    expect(await outcome(editor, projectId, 'write')).toBe('allowed as editor');
  });

  it('CheckProjectAccess is for internal callers only: a principal is refused', async () => {
    const owner = aUser('owner');
    const projectId = await newProject(owner);
    const error = await failure(client.checkProjectAccess({ projectId, userId: owner.userId }, as(owner)));
    expect(error.code).toBe(GrpcStatus.PERMISSION_DENIED);
    expect(await call(client.checkProjectAccess({ projectId: 'no-such-project', userId: owner.userId }))).toMatchObject({ exists: false });
  });
});
