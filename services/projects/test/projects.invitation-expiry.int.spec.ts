import { status as GrpcStatus } from '@grpc/grpc-js';
import { createPool, ERROR_CODE_METADATA_KEY, runMigrations, TestClock } from '@zvonar/platform';
import type { Principal } from '@zvonar/project-access';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import { projectsMigrations } from '../src/project/infrastructure/projects.migrations';
import { aUser, as, call, failure, type ProjectsClient } from './projects.test-client';
import { startProjects } from './start-projects';

const DAY_MS = 24 * 60 * 60 * 1000;
const TTL_DAYS = 3;
const codeOf = (error: { metadata?: { get(key: string): unknown[] } }) => error.metadata?.get(ERROR_CODE_METADATA_KEY)[0];

describeWithPostgres('invitations expire (INVITATION_TTL_DAYS, on a TestClock)', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let started: Awaited<ReturnType<typeof startProjects>>;
  let client: ProjectsClient['service'];
  const clock = new TestClock('2026-03-02T09:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'projects_expiry');
    started = await startProjects({ DATABASE_URL: database.url, BUS: 'embedded', INVITATION_TTL_DAYS: String(TTL_DAYS) }, clock);
    client = started.client.service;
  });

  afterAll(async () => {
    await started?.stop();
    await database?.drop();
  });

  const aProjectOf = async (owner: Principal) =>
    (await call(client.createProject({ name: 'Обзвон', description: '', customFields: [], tags: [] }, as(owner)))).project!.projectId;
  const invite = async (owner: Principal, projectId: string, email: string) => (await call(client.inviteMember({ projectId, email }, as(owner)))).invitation!;

  it('an invitation expires INVITATION_TTL_DAYS after it was issued, and says when', async () => {
    const owner = aUser('owner');
    const projectId = await aProjectOf(owner);
    const invitation = await invite(owner, projectId, 'guest@example.com');
    expect(invitation.expiresAt).toEqual(new Date(clock.now().getTime() + TTL_DAYS * DAY_MS));
    expect((await call(client.listInvitations({ projectId }, as(owner)))).invitations.map((item) => item.expiresAt)).toEqual([invitation.expiresAt]);
  });

  it('given an expired invitation, the lists leave it out and accepting it answers INVITATION_EXPIRED, by id or by token', async () => {
    const owner = aUser('owner');
    const invitee = aUser('invitee');
    const projectId = await aProjectOf(owner);
    const invitation = await invite(owner, projectId, invitee.email);

    clock.advance(TTL_DAYS * DAY_MS - 1);
    expect((await call(client.listInvitations({ projectId: '' }, as(invitee)))).invitations).toHaveLength(1);
    clock.advance(1);
    expect((await call(client.listInvitations({ projectId }, as(owner)))).invitations).toEqual([]);
    expect((await call(client.listInvitations({ projectId: '' }, as(invitee)))).invitations).toEqual([]);

    const byId = await failure(client.acceptInvitation({ invitationId: invitation.invitationId, token: '' }, as(invitee)));
    expect({ code: byId.code, errorCode: codeOf(byId), details: byId.details }).toEqual({
      code: GrpcStatus.FAILED_PRECONDITION,
      errorCode: 'INVITATION_EXPIRED',
      details: 'Срок действия приглашения истёк: попросите владельца проекта пригласить вас снова',
    });
    const byToken = await failure(client.acceptInvitation({ invitationId: '', token: invitation.token }, as(aUser('holder'), 'en')));
    expect({ code: byToken.code, errorCode: codeOf(byToken), details: byToken.details }).toEqual({
      code: GrpcStatus.FAILED_PRECONDITION,
      errorCode: 'INVITATION_EXPIRED',
      details: 'The invitation has expired: ask the project owner to invite you again',
    });
    // Someone else's id still reveals nothing, expired or not.
    expect((await failure(client.acceptInvitation({ invitationId: invitation.invitationId, token: '' }, as(aUser('stranger'))))).code).toBe(GrpcStatus.NOT_FOUND);
    expect((await failure(client.getProject({ projectId }, as(invitee)))).code).toBe(GrpcStatus.NOT_FOUND);
  });

  it('inviting the address again: ALREADY_INVITED while the first is live, a fresh invitation replacing it once expired', async () => {
    const owner = aUser('owner');
    const invitee = aUser('invitee');
    const projectId = await aProjectOf(owner);
    const first = await invite(owner, projectId, invitee.email);
    expect(codeOf(await failure(client.inviteMember({ projectId, email: invitee.email }, as(owner))))).toBe('ALREADY_INVITED');

    clock.advance(TTL_DAYS * DAY_MS);
    const second = await invite(owner, projectId, invitee.email);
    expect(second.invitationId).not.toBe(first.invitationId);
    expect(second.expiresAt).toEqual(new Date(clock.now().getTime() + TTL_DAYS * DAY_MS));
    expect((await call(client.listInvitations({ projectId }, as(owner)))).invitations.map((item) => item.invitationId)).toEqual([second.invitationId]);
    // The replaced invitation is gone: its link is as dead as a withdrawn one.
    expect((await failure(client.acceptInvitation({ invitationId: '', token: first.token }, as(invitee)))).code).toBe(GrpcStatus.NOT_FOUND);

    const joined = (await call(client.acceptInvitation({ invitationId: '', token: second.token }, as(invitee)))).project!;
    expect(joined.projectId).toBe(projectId);
    // Accepted stays accepted past the expiry: the second click says so, not "expired".
    clock.advance(TTL_DAYS * DAY_MS);
    expect(codeOf(await failure(client.acceptInvitation({ invitationId: second.invitationId, token: '' }, as(invitee))))).toBe('INVITATION_ALREADY_ACCEPTED');
  });
});

describeWithPostgres('invitation expiry migration', (serverUrl) => {
  it('gives invitations issued before expiry existed seven days from when they were issued', async () => {
    const database = await createTestDatabase(serverUrl, 'projects_expiry_migration');
    const pool = createPool(database.url, { schema: 'projects', max: 1 });
    try {
      const before = projectsMigrations.filter((migration) => migration.id < '0005');
      await runMigrations(pool, 'projects', before);
      await pool.query(
        `INSERT INTO projects (project_id, name, status, owner_account_id, owner_user_id, created_at, updated_at)
         VALUES ('p1', 'Старый', 'Active', 'a1', 'u1', '2026-01-10T08:00:00Z', '2026-01-10T08:00:00Z')`,
      );
      await pool.query(
        `INSERT INTO project_invitations (invitation_id, project_id, email, token_hash, status, invited_by_user_id, invited_at)
         VALUES ('i1', 'p1', 'old@example.com', 'hash-1', 'Pending', 'u1', '2026-01-10T08:30:00Z')`,
      );
      expect((await runMigrations(pool, 'projects', projectsMigrations)).applied).toContain('0005_invitation_expiry');
      const { rows } = await pool.query<{ expires_at: Date }>(`SELECT expires_at FROM project_invitations WHERE invitation_id = 'i1'`);
      expect(rows).toEqual([{ expires_at: new Date('2026-01-17T08:30:00Z') }]);
    } finally {
      await pool.end();
      await database.drop();
    }
  });
});
