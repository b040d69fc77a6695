import type { Delivery } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { decodeProjectEvent, PolicyProjectAccess, PROJECT_TOPIC, type AccessNeed, type Principal, type ProjectEvent } from '@zvonar/project-access';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { accessOutcome, startAccessView, untilAccess, type AccessView } from '@zvonar/project-access/src/testing';
import type { Pool } from 'pg';
import { projectsV1 } from '../src/project/api/projects.proto';
import { INVITATION_ISSUED_TYPE, INVITATION_TOPIC } from '../src/project/integration/project-facts.outbox';
import { aUser, as, call, type ProjectsClient } from './projects.test-client';
import { startProjects } from './start-projects';

// Another service's view: its own schema with the project-access read model, fed by the events
// projects publishes through its outbox to the embedded bus.
const CONSUMER_SCHEMA = 'campaigns_view';

describeWithPostgres('project events: published by projects, followed by another service’s access read model', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let started: Awaited<ReturnType<typeof startProjects>>;
  let client: ProjectsClient['service'];
  let consumerPool: Pool;
  let view: AccessView;
  let access: PolicyProjectAccess;
  let bus: PostgresIntegrationBus;
  const received: { event: ProjectEvent; delivery: Delivery }[] = [];
  const invitations: { event: projectsV1.ProjectInvitationIssued; delivery: Delivery }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'projects_events');
    started = await startProjects({ DATABASE_URL: database.url, BUS: 'embedded' });
    client = started.client.service;
    view = await startAccessView(database.url, CONSUMER_SCHEMA, { BUS: 'embedded' });
    ({ pool: consumerPool, access } = view);
    // A plain subscriber of the topic, to see the messages themselves.
    bus = await PostgresIntegrationBus.connect({ pool: consumerPool, schema: 'projects' });
    await bus.subscribe<ProjectEvent>({
      group: 'events-spec',
      topics: [PROJECT_TOPIC],
      decode: decodeProjectEvent,
      handle: async (event, delivery) => {
        received.push({ event, delivery });
      },
    });
    await bus.subscribe<projectsV1.ProjectInvitationIssued>({
      group: 'events-spec',
      topics: [INVITATION_TOPIC],
      decode: (payload) => projectsV1.ProjectInvitationIssued.decode(payload),
      handle: async (event, delivery) => {
        invitations.push({ event, delivery });
      },
    });
  });

  afterAll(async () => {
    await bus?.close();
    await view?.stop();
    await started?.stop();
    await database?.drop();
  });

  const outcome = (who: Principal, projectId: string, need: AccessNeed) => accessOutcome(access, who, projectId, need);
  const until = (who: Principal, projectId: string, need: AccessNeed, expected: string) => untilAccess(access, [who, projectId, need], expected);
  const eventsOf = (projectId: string) => received.filter(({ delivery }) => delivery.message.key === projectId);

  it('every access change reaches the topic keyed by project, in order, and the read model follows', async () => {
    const owner = aUser('owner');
    const editor = aUser('editor');
    const stranger = aUser('stranger');
    const { project } = await call(client.createProject({ name: 'Общий проект', description: '', customFields: [], tags: [] }, as(owner)));
    const projectId = project!.projectId;
    await until(owner, projectId, 'manage', 'allowed as owner');
    expect(await outcome(editor, projectId, 'read')).toBe('not-found');

    const { invitation } = await call(client.inviteMember({ projectId, email: editor.email }, as(owner)));
    await call(client.acceptInvitation({ invitationId: invitation!.invitationId, token: '' }, as(editor)));
    await until(editor, projectId, 'write', 'allowed as editor');
    expect(await outcome(editor, projectId, 'manage')).toBe('forbidden');

    await call(client.archiveProject({ projectId }, as(owner)));
    await until(editor, projectId, 'write', 'archived');
    await call(client.unarchiveProject({ projectId }, as(owner)));
    await until(editor, projectId, 'write', 'allowed as editor');

    await call(client.revokeMember({ projectId, userId: editor.userId }, as(owner)));
    await until(editor, projectId, 'read', 'not-found');
    expect(await outcome(stranger, projectId, 'read')).toBe('not-found');

    await eventually(() => eventsOf(projectId).length === 6, { what: 'six project events on the topic' });
    const events = eventsOf(projectId);
    expect(events.map(({ event }) => event.type)).toEqual(['created', 'memberGranted', 'memberGranted', 'archived', 'unarchived', 'memberRevoked']);
    expect(events[0]!.event).toEqual({
      type: 'created',
      event: expect.objectContaining({ projectId, accountId: owner.accountId, ownerUserId: owner.userId, name: 'Общий проект' }),
    });
    expect(events[2]!.event).toEqual({
      type: 'memberGranted',
      event: expect.objectContaining({ projectId, userId: editor.userId, accountId: editor.accountId, role: projectsV1.ProjectRole.PROJECT_ROLE_EDITOR }),
    });
    expect(new Set(events.map(({ delivery }) => delivery.message.messageId)).size).toBe(6);
  });

  it('changes that do not touch access publish nothing', async () => {
    const owner = aUser();
    const { project } = await call(client.createProject({ name: 'Тихий', description: '', customFields: [], tags: [] }, as(owner)));
    const projectId = project!.projectId;
    await call(client.setTags({ projectId, tags: ['a'] }, as(owner)));
    await call(client.updateProject({ projectId, name: 'Всё ещё тихий' }, as(owner)));
    // Wait on a later event of the same key: per-key order means the earlier ones were delivered.
    await call(client.archiveProject({ projectId }, as(owner)));
    await eventually(() => eventsOf(projectId).some(({ event }) => event.type === 'archived'), { what: 'the archive event' });
    expect(eventsOf(projectId).map(({ event }) => event.type)).toEqual(['created', 'memberGranted', 'archived']);
  });

  it('an invitation leaves on its own topic with the token for the email; the project topic never carries the token', async () => {
    const owner = aUser('owner');
    const invitee = aUser('invitee');
    const { project } = await call(client.createProject({ name: 'Секретный токен', description: '', customFields: [], tags: [] }, as(owner)));
    const projectId = project!.projectId;
    const { invitation } = await call(client.inviteMember({ projectId, email: invitee.email }, as(owner, 'en')));
    const token = invitation!.token;
    await call(client.acceptInvitation({ invitationId: '', token }, as(invitee)));

    const issued = await eventually(() => invitations.find(({ event }) => event.invitationId === invitation!.invitationId), { what: 'ProjectInvitationIssued' });
    expect(issued.delivery.message).toMatchObject({ topic: INVITATION_TOPIC, key: invitation!.invitationId, type: INVITATION_ISSUED_TYPE });
    expect(issued.event).toEqual({
      invitationId: invitation!.invitationId,
      projectId,
      projectName: 'Секретный токен',
      inviteeEmail: invitee.email,
      inviterUserId: owner.userId,
      inviterEmail: owner.email,
      token,
      issuedAt: invitation!.invitedAt,
      expiresAt: invitation!.expiresAt,
      language: 'en',
    });

    // The editor's grant is the project's last event: per-key order means all of its events are in.
    await eventually(() => eventsOf(projectId).some(({ event }) => event.type === 'memberGranted' && event.event.userId === invitee.userId), { what: 'the editor grant' });
    expect(eventsOf(projectId).map(({ event }) => event.type)).toEqual(['created', 'memberGranted', 'memberGranted']);
    const carriesToken = ({ delivery }: { delivery: Delivery }) =>
      Buffer.from(delivery.message.payload).includes(token) || JSON.stringify(delivery.message.headers).includes(token);
    expect(received.filter(carriesToken)).toEqual([]);
    expect(received.filter(({ delivery }) => delivery.message.type === INVITATION_ISSUED_TYPE)).toEqual([]);
  });
});
