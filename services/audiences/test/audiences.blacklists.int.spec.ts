import type { IntegrationConsumer, IntegrationMessage } from '@zvonar/messaging';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { GENERATION_TIMEOUT_MS, offlineIntelligenceOverGeneratedData } from '@zvonar/phone-intelligence/src/testing';
import { callControlV1 } from '@zvonar/proto-ts';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { Pool } from 'pg';
import { audiencesV1 } from '../src/segment/api/audiences.proto';
import { BLACKLIST_TOPIC } from '../src/segment/integration/blacklist-events.outbox';
import { CALL_CONTROL_BUS_SCHEMA, CALL_TOPIC } from '../src/segment/integration/blacklist-inputs.consumer';
import { all, as, aUser, call, startAudiences, type AudiencesClient } from './audiences.test-client';
import { projectCreated, ProjectsStandIn } from './project-stand-in';

const { SegmentKind, BlacklistEntryScope } = audiencesV1;
const AT = new Date('2026-11-21T10:00:00Z');

type Published = { key: string; type: string; added?: audiencesV1.BlacklistEntryAdded; removed?: audiencesV1.BlacklistEntryRemoved };

const contactBlacklisted = (callId: string, projectId: string, phone: string, scope: callControlV1.BlacklistScope): IntegrationMessage => ({
  messageId: `ContactBlacklisted:${callId}`,
  topic: CALL_TOPIC,
  key: 'campaign-1',
  type: 'zvonar.callcontrol.v1.ContactBlacklisted',
  payload: callControlV1.ContactBlacklisted.encode({ callId, projectId, campaignId: 'campaign-1', contactId: 'contact-1', phone, scope, blacklistedAt: AT }).finish(),
  occurredAt: AT,
  headers: {},
});

/** Another event on the call topic: the opt-out consumer must pass it by. */
const goalReached = (callId: string): IntegrationMessage => ({
  messageId: `GoalReached:${callId}`,
  topic: CALL_TOPIC,
  key: 'campaign-1',
  type: 'zvonar.callcontrol.v1.GoalReached',
  payload: callControlV1.GoalReached.encode({ callId, projectId: 'p', campaignId: 'campaign-1', contactId: 'c', tag: '', reachedAt: AT }).finish(),
  occurredAt: AT,
  headers: {},
});

jest.setTimeout(30_000);

describeWithPostgres('audiences blacklists (embedded bus)', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let started: Awaited<ReturnType<typeof startAudiences>>;
  let internal: AudiencesClient['service'];
  let pool: Pool;
  let projects: ProjectsStandIn;
  let calls: PostgresIntegrationBus;
  let campaigns: PostgresIntegrationBus;
  let consumer: IntegrationConsumer;
  const published: Published[] = [];
  const entriesFor = (phone: string) => published.filter((entry) => (entry.added ?? entry.removed)?.phone === phone);

  beforeAll(async () => {
    offlineIntelligenceOverGeneratedData();
    database = await createTestDatabase(serverUrl, 'audiences_blacklists');
    pool = new Pool({ connectionString: database.url, max: 6 });
    // The test plays the projects and call-control services (their bus logs live in their schemas) and campaigns (reading blacklist events).
    projects = await ProjectsStandIn.connect(pool);
    calls = await PostgresIntegrationBus.connect({ pool, schema: CALL_CONTROL_BUS_SCHEMA });
    started = await startAudiences({ DATABASE_URL: database.url, BUS: 'embedded' });
    internal = started.client.service;
    campaigns = await PostgresIntegrationBus.connect({ pool, schema: 'audiences' });
    consumer = await campaigns.subscribe<Published>({
      group: 'test-campaigns-blacklist',
      topics: [BLACKLIST_TOPIC],
      decode: (payload, message) =>
        message.type === 'zvonar.audiences.v1.BlacklistEntryAdded'
          ? { key: message.key, type: message.type, added: audiencesV1.BlacklistEntryAdded.decode(payload) }
          : { key: message.key, type: message.type, removed: audiencesV1.BlacklistEntryRemoved.decode(payload) },
      handle: async (entry) => {
        published.push(entry);
      },
    });
  }, GENERATION_TIMEOUT_MS);

  afterAll(async () => {
    await consumer?.stop();
    await campaigns?.close();
    await started?.stop();
    await projects?.close();
    await calls?.close();
    await pool?.end();
    await database?.drop();
  });

  const blacklistContacts = async (projectId: string, client: AudiencesClient['service']) => {
    const { segments } = await call(client.listSegments({ projectId, kind: SegmentKind.SEGMENT_KIND_BLACKLIST, page: undefined }));
    const phones: string[] = [];
    for (const segment of segments) phones.push(...(await call(client.listContacts({ segmentId: segment.segmentId, filter: undefined, page: undefined }))).contacts.map((c) => c.phone));
    return { segments, phones };
  };

  it('an opt-out captured in a call lands in the project blacklist once and is published keyed by the account', async () => {
    const client = as(internal, aUser('a', 'account-1'));
    await projects.create('project-a', aUser('a', 'account-1'));
    const optOut = contactBlacklisted('call-1', 'project-a', '+79161234567', callControlV1.BlacklistScope.BLACKLIST_SCOPE_PROJECT);
    // Delivered twice (a redelivery after a crash), between other call events.
    await calls.publish([goalReached('call-0'), optOut, optOut, goalReached('call-2')]);

    const added = await eventually(() => entriesFor('+79161234567').length > 0 && entriesFor('+79161234567'), { what: 'BlacklistEntryAdded on the topic' });
    expect(added).toEqual([
      {
        key: 'account-1',
        type: 'zvonar.audiences.v1.BlacklistEntryAdded',
        added: expect.objectContaining({ accountId: 'account-1', projectId: 'project-a', scope: BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_PROJECT, phone: '+79161234567', source: 'call:call-1' }),
      },
    ]);
    const { segments, phones } = await blacklistContacts('project-a', client);
    expect(segments.map((s) => s.name)).toEqual(['Чёрный список']);
    expect(phones).toEqual(['+79161234567']);

    // Applied once: a later opt-out of the same number in another call adds nothing either.
    await calls.publish([contactBlacklisted('call-3', 'project-a', '+79161234567', callControlV1.BlacklistScope.BLACKLIST_SCOPE_PROJECT)]);
    await eventually(async () => (await pool.query(`SELECT 1 FROM audiences.processed_messages WHERE message_id = 'ContactBlacklisted:call-3'`)).rowCount === 1, { what: 'the second opt-out handled' });
    expect((await blacklistContacts('project-a', client)).phones).toEqual(['+79161234567']);
    expect(entriesFor('+79161234567')).toHaveLength(1);
  });

  it('an account-wide opt-out of a project not known yet waits for ProjectCreated, then reaches the do-not-call list', async () => {
    await calls.publish([contactBlacklisted('call-10', 'project-b', '+79031234567', callControlV1.BlacklistScope.BLACKLIST_SCOPE_ACCOUNT)]);
    await eventually(async () => (await pool.query(`SELECT 1 FROM audiences.pending_do_not_call WHERE phone = '+79031234567'`)).rowCount === 1, { what: 'the opt-out parked' });
    expect(entriesFor('+79031234567')).toEqual([]);

    await projects.bus.publish([projectCreated('project-b', 'account-2')]);
    const added = await eventually(() => entriesFor('+79031234567').length > 0 && entriesFor('+79031234567'), { what: 'the account entry published' });
    expect(added).toEqual([
      { key: 'account-2', type: 'zvonar.audiences.v1.BlacklistEntryAdded', added: expect.objectContaining({ accountId: 'account-2', projectId: '', scope: BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_ACCOUNT, source: 'call:call-10' }) },
    ]);
    const listed = await call(as(internal, aUser('b', 'account-2')).listDoNotCall({ accountId: 'account-2', page: undefined }));
    expect(listed.entries.map((entry) => [entry.phone, entry.source])).toEqual([['+79031234567', 'call:call-10']]);
  });

  it('a project opt-out that arrives before ProjectCreated is published with its call as the source once the account is known', async () => {
    await calls.publish([contactBlacklisted('call-20', 'project-c', '+79051234567', callControlV1.BlacklistScope.BLACKLIST_SCOPE_PROJECT)]);
    await eventually(async () => (await pool.query(`SELECT 1 FROM audiences.processed_messages WHERE message_id = 'ContactBlacklisted:call-20'`)).rowCount === 1, { what: 'the opt-out handled' });
    expect(entriesFor('+79051234567')).toEqual([]);

    await projects.bus.publish([projectCreated('project-c', 'account-3')]);

    const added = await eventually(() => entriesFor('+79051234567').length > 0 && entriesFor('+79051234567'), { what: 'the project entry published' });
    expect(added).toEqual([
      { key: 'account-3', type: 'zvonar.audiences.v1.BlacklistEntryAdded', added: expect.objectContaining({ accountId: 'account-3', projectId: 'project-c', scope: BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_PROJECT, source: 'call:call-20' }) },
    ]);
  });

  it('a blacklist segment publishes its numbers, and deleting one publishes its removal', async () => {
    const client = as(internal, aUser('c', 'account-3'));
    await projects.create('project-c', aUser('c', 'account-3'));
    const { segment } = await call(client.createSegment({ projectId: 'project-c', name: 'Отказники', kind: SegmentKind.SEGMENT_KIND_BLACKLIST, pastedList: '8 (912) 345-67-89\n+7 912 345 67 90', defaultCountry: '' }));
    await eventually(() => entriesFor('+79123456789').length === 1 && entriesFor('+79123456790').length === 1, { what: 'both numbers published' });
    expect(entriesFor('+79123456789')[0]).toMatchObject({ key: 'account-3', added: { source: `segment:${segment!.segmentId}`, projectId: 'project-c' } });

    const { contacts } = await call(client.listContacts({ segmentId: segment!.segmentId, filter: undefined, page: undefined }));
    const removedContact = contacts.find((c) => c.phone === '+79123456789')!;
    expect((await call(client.deleteContacts({ segmentId: segment!.segmentId, contactIds: [removedContact.contactId] }))).deleted).toBe(1);
    await eventually(() => entriesFor('+79123456789').length === 2, { what: 'the removal published' });
    expect(entriesFor('+79123456789')[1]).toMatchObject({ key: 'account-3', removed: { scope: BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_PROJECT, projectId: 'project-c' } });
  });

  it('the stream marks contacts whose number is on a project blacklist or the account do-not-call list', async () => {
    const client = as(internal, aUser('d', 'account-5'));
    await projects.create('project-d', aUser('d', 'account-5'));
    await projects.create('project-other', aUser('other', 'account-6'));
    await call(client.createSegment({ projectId: 'project-d', name: 'Стоп', kind: SegmentKind.SEGMENT_KIND_BLACKLIST, pastedList: '+79161110001', defaultCountry: '' }));
    await call(client.addToDoNotCall({ accountId: 'account-5', phones: ['+79161110003'], defaultCountry: '' }));
    // The same number on another project's blacklist does not concern this one.
    await call(as(internal, aUser('other', 'account-6')).createSegment({ projectId: 'project-other', name: 'Стоп', kind: SegmentKind.SEGMENT_KIND_BLACKLIST, pastedList: '+79161110002', defaultCountry: '' }));
    const { segment } = await call(
      client.createSegment({ projectId: 'project-d', name: 'Обзвон', kind: SegmentKind.SEGMENT_KIND_AUDIENCE, pastedList: '+79161110001\n+79161110002\n+79161110003', defaultCountry: '' }),
    );

    const streamed = await all(client.streamSegmentContacts({ projectId: 'project-d', segmentId: segment!.segmentId }));
    expect(streamed.map(({ contact }) => [contact!.phone, contact!.blacklisted])).toEqual([
      ['+79161110001', true],
      ['+79161110002', false],
      ['+79161110003', true],
    ]);
  });

  it('the do-not-call list is edited through the API and every change is published', async () => {
    const client = as(internal, aUser('e', 'account-4'));
    const added = await call(client.addToDoNotCall({ accountId: 'account-4', phones: ['8 (926) 000-00-01', '+79260000001', '89260000002'], defaultCountry: '' }));
    expect(added.added.map((entry) => entry.phone)).toEqual(['+79260000001', '+79260000002']);
    expect((await call(client.removeFromDoNotCall({ accountId: 'account-4', phones: ['+7 926 000 00 01'], defaultCountry: '' }))).removed).toBe(1);
    await eventually(() => entriesFor('+79260000001').length === 2 && entriesFor('+79260000002').length === 1, { what: 'adds and the removal published' });
    expect(entriesFor('+79260000001').map((entry) => [entry.key, entry.type])).toEqual([
      ['account-4', 'zvonar.audiences.v1.BlacklistEntryAdded'],
      ['account-4', 'zvonar.audiences.v1.BlacklistEntryRemoved'],
    ]);
    const listed = await call(client.listDoNotCall({ accountId: 'account-4', page: undefined }));
    expect(listed.entries.map((entry) => entry.phone)).toEqual(['+79260000002']);
  });
});
