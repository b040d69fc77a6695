import type { IntegrationMessage } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { createPool } from '@zvonar/platform';
import { projectsV1 } from '@zvonar/proto-ts';
import { createTestDatabase, describeWithPostgres } from '@zvonar/testing';
import type { Pool } from 'pg';
import { PolicyProjectAccess } from '../access/policy.project-access';
import type { AccessNeed } from '../access/domain/access-policy';
import type { Principal } from '../principal/principal';
import { accessOutcome, untilAccess } from '../testing/access-outcome';
import { startAccessView, type AccessView } from '../testing/access-view';
import { projectEventMessage, projectEvents } from '../testing/project-event-messages';
import { PROJECT_TOPIC } from './project-events';

const at = new Date('2026-03-01T10:00:00Z');
const { ProjectRole } = projectsV1;
const member = (userId: string) => ({ userId, accountId: `account-of-${userId}` });
const created = (projectId: string, ownerUserId: string) => [
  projectEvents.created(projectId, member(ownerUserId), at),
  projectEvents.granted(projectId, member(ownerUserId), ProjectRole.PROJECT_ROLE_OWNER, at),
];
const granted = (projectId: string, userId: string, role: projectsV1.ProjectRole) => projectEvents.granted(projectId, member(userId), role, at);
const revoked = (projectId: string, userId: string) => projectEvents.revoked(projectId, userId, at);
const archived = (projectId: string) => projectEvents.archived(projectId, at);
const unarchived = (projectId: string) => projectEvents.unarchived(projectId, at);

const principal = (userId: string, roles = ['user']): Principal => ({ accountId: `account-of-${userId}`, userId, roles, email: '' });

describeWithPostgres('project-access read model in a consuming service schema (embedded bus)', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let producerPool: Pool;
  let producer: PostgresIntegrationBus;
  let view: AccessView;
  let access: PolicyProjectAccess;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'project_access');
    // The test plays the projects service: its embedded bus log lives in the projects schema.
    producerPool = createPool(database.url, { schema: 'projects', max: 2 });
    producer = await PostgresIntegrationBus.connect({ pool: producerPool, schema: 'projects' });
    // A consuming service with the read model among its own migrations.
    view = await startAccessView(database.url, 'consumer_svc', { BUS: 'embedded' });
    ({ pool, access } = view);
  });

  afterAll(async () => {
    await view?.stop();
    await producer?.close();
    await producerPool?.end();
    await database?.drop();
  });

  const outcome = (who: Principal, projectId: string, need: AccessNeed) => accessOutcome(access, who, projectId, need);
  const until = (who: Principal, projectId: string, need: AccessNeed, expected: string) => untilAccess(access, [who, projectId, need], expected);

  it('follows creation, sharing, archiving and revoking of a project', async () => {
    const owner = principal('owner-a');
    const editor = principal('editor-a');
    const stranger = principal('stranger-a');
    expect(await outcome(owner, 'project-a', 'read')).toBe('not-found');

    await producer.publish(created('project-a', 'owner-a'));
    await until(owner, 'project-a', 'manage', 'allowed as owner');
    expect(await outcome(editor, 'project-a', 'read')).toBe('not-found');
    expect(await outcome(stranger, 'project-a', 'read')).toBe('not-found');
    expect(await outcome(principal('staff', ['user', 'support']), 'project-a', 'read')).toBe('allowed as staff');

    await producer.publish([granted('project-a', 'editor-a', ProjectRole.PROJECT_ROLE_EDITOR)]);
    await until(editor, 'project-a', 'write', 'allowed as editor');
    expect(await outcome(editor, 'project-a', 'manage')).toBe('forbidden');

    await producer.publish([archived('project-a')]);
    await until(editor, 'project-a', 'write', 'archived');
    expect(await outcome(editor, 'project-a', 'read')).toBe('allowed as editor');
    expect(await outcome(owner, 'project-a', 'manage')).toBe('allowed as owner');

    await producer.publish([unarchived('project-a'), revoked('project-a', 'editor-a')]);
    await until(editor, 'project-a', 'read', 'not-found');
    expect(await outcome(owner, 'project-a', 'write')).toBe('allowed as owner');
    expect(await outcome(stranger, 'project-a', 'read')).toBe('not-found');
  });

  it('applies a redelivered message once and skips event types it does not know', async () => {
    const [project, owner] = created('project-b', 'owner-b');
    const grant = granted('project-b', 'editor-b', ProjectRole.PROJECT_ROLE_EDITOR);
    const revoke = revoked('project-b', 'editor-b');
    const unknown: IntegrationMessage = { ...projectEventMessage('zvonar.projects.v1.ProjectRenamed', 'project-b', new Uint8Array([1, 2, 3]), at) };
    // The grant is delivered again after the revoke (what a crash before the offset commit
    // causes): it must not bring the editor back.
    await producer.publish([project!, owner!, grant, revoke, unknown, grant, archived('project-b')]);
    await until(principal('owner-b'), 'project-b', 'write', 'archived');
    expect(await outcome(principal('editor-b'), 'project-b', 'read')).toBe('not-found');
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM processed_messages WHERE message_id LIKE '%:project-b:%'`);
    expect(rows[0]).toEqual({ n: 6 });
    const dead = await producerPool.query('SELECT count(*)::int AS n FROM projects.bus_log WHERE topic = $1', [`${PROJECT_TOPIC}.dlq`]);
    expect(dead.rows[0]).toEqual({ n: 0 });
  });
});
