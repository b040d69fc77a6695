import { status as GrpcStatus } from '@grpc/grpc-js';
import type { IntegrationMessage } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { ERROR_CODE_METADATA_KEY, TestClock } from '@zvonar/platform';
import type { Principal } from '@zvonar/project-access';
import { projectsV1 } from '@zvonar/proto-ts';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { identityV1 } from '../src/identity/api/identity.proto';
import { INVITATION_MAIL_CONSUMER, INVITATION_TOPIC } from '../src/identity/integration/project-invitations.consumer';
import { aSignedInUser } from './identity.flows';
import { call, failure, metadata, type IdentityClient } from './identity.test-client';
import { anEmail } from './mothers/user.mother';
import { as, startProjectsAlongside } from './projects-alongside';
import { startIdentity } from './start-identity';

const DAY_MS = 24 * 60 * 60 * 1000;

// Projects issues an invitation, identity emails its link: both services on one PostgreSQL
// database and the embedded bus, as the all-in-one mode runs them; the emails read back from the
// local outbox over gRPC, as a developer reads them.
describeWithPostgres('project invitations emailed by identity (embedded bus)', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let identity: Awaited<ReturnType<typeof startIdentity>>;
  let projects: Awaited<ReturnType<typeof startProjectsAlongside>>;
  let client: IdentityClient['service'];
  let pool: Pool;
  const projectsClock = new TestClock('2026-03-02T09:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'identity_invitations');
    identity = await startIdentity({ DATABASE_URL: database.url, BUS: 'embedded' });
    client = identity.client.service;
    projects = await startProjectsAlongside({ DATABASE_URL: database.url, BUS: 'embedded' }, projectsClock);
    pool = new Pool({ connectionString: database.url, max: 2 });
  });

  afterAll(async () => {
    await pool?.end();
    await projects?.stop();
    await identity?.stop();
    await database?.drop();
  });

  const emailsTo = async (recipient: string): Promise<identityV1.OutboxMessage[]> =>
    (await call(client.listLocalOutbox({ recipient, limit: 50 }))).messages.filter((message) => message.channel === 'email');
  const theEmailTo = (recipient: string) => eventually(async () => (await emailsTo(recipient))[0], { what: `an email to ${recipient}` });
  const tokenIn = (message: identityV1.OutboxMessage): string => {
    const token = /https:\/\/cabinet\.example\.test\/invitations\/accept\?token=([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
    if (!token) throw new Error(`no invitation link in "${message.body}"`);
    return token;
  };

  /** A user registered with identity, with a name in their profile, as the principal projects sees. */
  const anOwnerNamed = async (firstName: string, lastName: string): Promise<Principal> => {
    const user = await aSignedInUser(client);
    const signedIn = metadata({ bearer: user.tokens.accessToken });
    await call(client.updateProfile({ firstName, lastName, middleName: '', gender: identityV1.Gender.GENDER_UNSPECIFIED }, signedIn));
    const { principal } = await call(client.authenticate({ accessToken: user.tokens.accessToken }));
    return { accountId: principal!.accountId, userId: principal!.userId, roles: ['user'], email: user.email };
  };
  const aProjectOf = async (owner: Principal, name: string) =>
    (await call(projects.client.createProject({ name, description: '', customFields: [], tags: [] }, as(owner)))).project!.projectId;
  const anInvitee = (): Principal => {
    const email = anEmail();
    return { accountId: `account-${email}`, userId: `user-${email}`, roles: ['user'], email };
  };

  it('invite → the invitee gets an email in Russian whose link accepts the invitation', async () => {
    const owner = await anOwnerNamed('Анна', 'Петрова');
    const projectId = await aProjectOf(owner, 'Обзвон клиентов');
    const invitee = anInvitee();
    const { invitation } = await call(projects.client.inviteMember({ projectId, email: invitee.email }, as(owner)));

    const email = await theEmailTo(invitee.email);
    expect(email.subject).toBe('Звонарь: приглашение в проект «Обзвон клиентов»');
    expect(email.body).toContain(`Анна Петрова (${owner.email}) приглашает вас к совместной работе над проектом «Обзвон клиентов»`);
    // Seven days (INVITATION_TTL_DAYS' default) from the projects clock's 2026-03-02 09:00 UTC.
    expect(email.body).toContain('Ссылка действует до 09.03.2026 09:00 UTC.');
    const token = tokenIn(email);
    expect(token).toBe(invitation!.token);

    const joined = (await call(projects.client.acceptInvitation({ invitationId: '', token }, as(invitee)))).project!;
    expect(joined).toMatchObject({ projectId, myRole: projectsV1.ProjectRole.PROJECT_ROLE_EDITOR });
  });

  it('words the email in English when the inviter works in English', async () => {
    const owner = await anOwnerNamed('Anna', 'Petrova');
    const projectId = await aProjectOf(owner, 'Spring survey');
    const invitee = anInvitee();
    await call(projects.client.inviteMember({ projectId, email: invitee.email }, as(owner, 'en')));
    const email = await theEmailTo(invitee.email);
    expect(email.subject).toBe('Zvonar: an invitation to the project "Spring survey"');
    expect(email.body).toContain(`Anna Petrova (${owner.email}) invites you to work together on the project "Spring survey" in Zvonar.`);
    expect(email.body).toMatch(/The link works until \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC\./);
  });

  it('a redelivered message sends no second email', async () => {
    const owner = await anOwnerNamed('Анна', 'Петрова');
    const projectId = await aProjectOf(owner, 'Повторная доставка');
    const invitee = anInvitee();
    const { invitation } = await call(projects.client.inviteMember({ projectId, email: invitee.email }, as(owner)));
    await theEmailTo(invitee.email);

    // The same message twice more (what a crash before the offset commit causes), then one more
    // invitation with the same key: once its email is out, the duplicates before it were handled.
    const { rows } = await pool.query<{ message_id: string; key: string; type: string; payload: Buffer; occurred_at: Date }>(
      `SELECT message_id, key, type, payload, occurred_at FROM projects.bus_log WHERE topic = $1 AND message_id = $2`,
      [INVITATION_TOPIC, `ProjectInvitationIssued:${invitation!.invitationId}`],
    );
    const [row] = rows;
    if (!row) throw new Error('the invitation is not on the embedded bus');
    const redelivered: IntegrationMessage = { messageId: row.message_id, topic: INVITATION_TOPIC, key: row.key, type: row.type, payload: row.payload, occurredAt: row.occurred_at, headers: {} };
    const marker = anEmail();
    const markerPayload = projectsV1.ProjectInvitationIssued.encode({
      ...projectsV1.ProjectInvitationIssued.decode(row.payload),
      inviteeEmail: marker,
    }).finish();
    const bus = await PostgresIntegrationBus.connect({ pool, schema: 'projects' });
    try {
      await bus.publish([redelivered, redelivered, { ...redelivered, messageId: `marker:${marker}`, payload: markerPayload }]);
    } finally {
      await bus.close();
    }
    await theEmailTo(marker);

    expect(await emailsTo(invitee.email)).toHaveLength(1);
    const processed = await pool.query(`SELECT count(*)::int AS n FROM identity.processed_messages WHERE consumer = $1 AND message_id = $2`, [
      INVITATION_MAIL_CONSUMER,
      redelivered.messageId,
    ]);
    expect(processed.rows[0]).toEqual({ n: 1 });
    const dead = await pool.query(`SELECT count(*)::int AS n FROM projects.bus_log WHERE topic = $1`, [`${INVITATION_TOPIC}.dlq`]);
    expect(dead.rows[0]).toEqual({ n: 0 });
  });

  it('an expired link answers INVITATION_EXPIRED; inviting again emails a fresh link that works', async () => {
    const owner = await anOwnerNamed('Анна', 'Петрова');
    const projectId = await aProjectOf(owner, 'Просроченное');
    const invitee = anInvitee();
    await call(projects.client.inviteMember({ projectId, email: invitee.email }, as(owner)));
    const expiredToken = tokenIn(await theEmailTo(invitee.email));

    projectsClock.advance(7 * DAY_MS);
    const refused = await failure(projects.client.acceptInvitation({ invitationId: '', token: expiredToken }, as(invitee)));
    expect([refused.code, refused.metadata.get(ERROR_CODE_METADATA_KEY)[0]]).toEqual([GrpcStatus.FAILED_PRECONDITION, 'INVITATION_EXPIRED']);

    await call(projects.client.inviteMember({ projectId, email: invitee.email }, as(owner)));
    const fresh = await eventually(async () => (await emailsTo(invitee.email)).find((email) => tokenIn(email) !== expiredToken), { what: 'the second email' });
    const joined = (await call(projects.client.acceptInvitation({ invitationId: '', token: tokenIn(fresh) }, as(invitee)))).project!;
    expect(joined.projectId).toBe(projectId);
    expect(await emailsTo(invitee.email)).toHaveLength(2);
  });
});
