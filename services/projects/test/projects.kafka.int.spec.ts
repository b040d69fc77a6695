import { randomUUID } from 'node:crypto';
import { createLogger, createPool, runMigrations } from '@zvonar/platform';
import {
  PolicyProjectAccess,
  PostgresProjectAccessFacts,
  ProjectAccessConsumer,
  projectAccessMigrations,
  type AccessNeed,
  type Principal,
} from '@zvonar/project-access';
import { createTestDatabase, describeWithKafka, describeWithPostgres } from '@zvonar/testing';
import { untilAccess } from '@zvonar/project-access/src/testing';
import type { Pool } from 'pg';
import { aUser, as, call, type ProjectsClient } from './projects.test-client';
import { startProjects } from './start-projects';

// The distributed mode: projects relays its outbox to Kafka and another service's access read
// model consumes the topic from Kafka (a consumer group of its own per run).
describeWithPostgres('project access over Kafka', (serverUrl) => {
  describeWithKafka('projects with BUS=kafka and a consumer with BUS=kafka', (brokers) => {
    let database: { url: string; drop(): Promise<void> };
    let started: Awaited<ReturnType<typeof startProjects>>;
    let client: ProjectsClient['service'];
    let consumerPool: Pool;
    let consumer: ProjectAccessConsumer;
    let access: PolicyProjectAccess;

    beforeAll(async () => {
      database = await createTestDatabase(serverUrl, 'projects_kafka');
      started = await startProjects({ DATABASE_URL: database.url, BUS: 'kafka', KAFKA_BROKERS: brokers, LOG_LEVEL: 'error' });
      client = started.client.service;
      consumerPool = createPool(database.url, { schema: 'audiences_view', max: 4 });
      await runMigrations(consumerPool, 'audiences_view', projectAccessMigrations);
      consumer = new ProjectAccessConsumer({
        service: 'audiences-view',
        schema: 'audiences_view',
        pool: consumerPool,
        BUS: 'kafka',
        KAFKA_BROKERS: brokers.split(','),
        groupPrefix: `spec-${randomUUID()}`,
        logger: createLogger({ service: 'audiences-view', level: 'error' }),
      });
      access = new PolicyProjectAccess(new PostgresProjectAccessFacts(consumerPool));
    }, 60_000);

    afterAll(async () => {
      await consumer?.stop();
      await consumerPool?.end();
      await started?.stop();
      await database?.drop();
    });

    const until = (who: Principal, projectId: string, need: AccessNeed, expected: string) => untilAccess(access, [who, projectId, need], expected, 30_000);

    it('shares, archives and revokes through Kafka', async () => {
      const owner = aUser('owner');
      const editor = aUser('editor');
      const { project } = await call(client.createProject({ name: 'Через Kafka', description: '', customFields: [], tags: [] }, as(owner)));
      const projectId = project!.projectId;
      // Joining after the first events: a new group starts at the beginning of the topic.
      await consumer.keepJoining({ initialBackoffMs: 100 });
      await until(owner, projectId, 'manage', 'allowed as owner');

      const { invitation } = await call(client.inviteMember({ projectId, email: editor.email }, as(owner)));
      await call(client.acceptInvitation({ invitationId: '', token: invitation!.token }, as(editor)));
      await until(editor, projectId, 'write', 'allowed as editor');
      await call(client.archiveProject({ projectId }, as(owner)));
      await until(editor, projectId, 'write', 'archived');
      await call(client.revokeMember({ projectId, userId: editor.userId }, as(owner)));
      await until(editor, projectId, 'read', 'not-found');
    }, 90_000);
  });
});
