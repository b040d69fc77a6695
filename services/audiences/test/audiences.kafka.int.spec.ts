import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { IntegrationConsumer, IntegrationMessage } from '@zvonar/messaging';
import { KafkaIntegrationBus } from '@zvonar/messaging-kafka';
import { GENERATION_TIMEOUT_MS, offlineIntelligenceOverGeneratedData } from '@zvonar/phone-intelligence/src/testing';
import { callControlV1, projectsV1 } from '@zvonar/proto-ts';
import { createTestDatabase, describeWithKafka, describeWithPostgres, eventually } from '@zvonar/testing';
import { audiencesV1 } from '../src/segment/api/audiences.proto';
import { BLACKLIST_TOPIC } from '../src/segment/integration/blacklist-events.outbox';
import { CALL_TOPIC, PROJECT_TOPIC } from '../src/segment/integration/blacklist-inputs.consumer';
import { as, aUser, call, startAudiences, type AudiencesClient } from './audiences.test-client';
import { projectCreated } from './project-stand-in';

const AT = new Date('2026-11-21T10:00:00Z');

// The distributed mode: audiences reads projects' and call-control's events from Kafka and relays
// its outbox to Kafka (a consumer group prefix and project ids of its own per run).
describeWithPostgres('audiences over Kafka', (serverUrl) => {
  describeWithKafka('audiences with BUS=kafka', (brokers) => {
    const run = randomUUID().slice(0, 8);
    const projectId = `project-kafka-${run}`;
    const owner = aUser(`kafka-${run}`, `account-kafka-${run}`);
    let database: { url: string; drop(): Promise<void> };
    let started: Awaited<ReturnType<typeof startAudiences>>;
    let client: AudiencesClient['service'];
    let bus: KafkaIntegrationBus;
    let consumer: IntegrationConsumer;
    const added: Array<{ key: string; entry: audiencesV1.BlacklistEntryAdded }> = [];

    beforeAll(async () => {
      offlineIntelligenceOverGeneratedData();
      database = await createTestDatabase(serverUrl, 'audiences_kafka');
      bus = await KafkaIntegrationBus.connect({ brokers: brokers.split(','), clientId: `audiences-spec-${run}` });
      await bus.ensureTopics([PROJECT_TOPIC, CALL_TOPIC, BLACKLIST_TOPIC]);
      started = await startAudiences({ DATABASE_URL: database.url, BUS: 'kafka', KAFKA_BROKERS: brokers, CONSUMER_GROUP_PREFIX: `spec-${run}`, LOG_LEVEL: 'error' });
      client = as(started.client.service, owner);
      consumer = await bus.subscribe({
        group: `spec-${run}-campaigns`,
        topics: [BLACKLIST_TOPIC],
        decode: (payload, message) => (message.type === 'zvonar.audiences.v1.BlacklistEntryAdded' ? audiencesV1.BlacklistEntryAdded.decode(payload) : null),
        handle: async (entry, delivery) => {
          if (entry && entry.projectId === projectId) added.push({ key: delivery.message.key, entry });
        },
      });
    }, Math.max(GENERATION_TIMEOUT_MS, 90_000));

    afterAll(async () => {
      await consumer?.stop();
      await started?.stop();
      await bus?.close();
      await database?.drop();
    });

    /** Which leg a lost event stopped at: never written (the consumer), or written and not relayed. */
    const outboxState = async () => {
      const pool = new Pool({ connectionString: database.url, max: 1 });
      try {
        const { rows } = await pool.query<{ type: string; published: boolean }>('SELECT type, published_at IS NOT NULL AS published FROM audiences.outbox ORDER BY position');
        return rows;
      } finally {
        await pool.end();
      }
    };

    const message = (type: string, key: string, payload: Uint8Array, id: string): IntegrationMessage => ({ messageId: id, topic: type.includes('callcontrol') ? CALL_TOPIC : PROJECT_TOPIC, key, type, payload, occurredAt: AT, headers: {} });

    it('an opt-out from a call on Kafka reaches the project blacklist and its BlacklistEntryAdded reaches Kafka', async () => {
      await bus.publish([
        projectCreated(projectId, owner.accountId),
        message(
          'zvonar.projects.v1.ProjectMemberGranted',
          projectId,
          projectsV1.ProjectMemberGranted.encode({ projectId, userId: owner.userId, accountId: owner.accountId, role: projectsV1.ProjectRole.PROJECT_ROLE_OWNER, grantedAt: AT }).finish(),
          `ProjectMemberGranted:${projectId}:${owner.userId}`,
        ),
        message(
          'zvonar.callcontrol.v1.ContactBlacklisted',
          'campaign-kafka',
          callControlV1.ContactBlacklisted.encode({ callId: `call-${run}`, projectId, campaignId: 'campaign-kafka', contactId: 'c', phone: '+79161234567', scope: callControlV1.BlacklistScope.BLACKLIST_SCOPE_PROJECT, blacklistedAt: AT }).finish(),
          `ContactBlacklisted:call-${run}`,
        ),
      ]);
      await eventually(() => added.length > 0, { what: 'BlacklistEntryAdded on Kafka', timeoutMs: 60_000, intervalMs: 100 }).catch(async (error: Error) => {
        throw new Error(`${error.message}; audiences' outbox then: ${JSON.stringify(await outboxState())}`);
      });
      expect(added).toEqual([{ key: owner.accountId, entry: expect.objectContaining({ projectId, phone: '+79161234567', source: `call:call-${run}` }) }]);
      const { segments } = await eventually(
        async () => {
          const listed = await call(client.listSegments({ projectId, kind: audiencesV1.SegmentKind.SEGMENT_KIND_BLACKLIST, page: undefined })).catch(() => undefined);
          return listed !== undefined && listed;
        },
        { what: 'the project known to the access read model', timeoutMs: 30_000, intervalMs: 100 },
      );
      const { contacts } = await call(client.listContacts({ segmentId: segments[0]!.segmentId, filter: undefined, page: undefined }));
      expect(contacts.map((c) => c.phone)).toEqual(['+79161234567']);
    }, 90_000);
  });
});
