import { randomUUID } from 'node:crypto';
import type { AccessNeed, PolicyProjectAccess, Principal, ProjectAccessConsumer } from '@zvonar/project-access';
import { createTestDatabase, describeWithKafka, describeWithPostgres } from '@zvonar/testing';
import { startAccessView, untilAccess, type AccessView } from '@zvonar/project-access/src/testing';
import { aUser, as, call, type ProjectsClient } from './projects.test-client';
import { startProjects } from './start-projects';

// The distributed mode: projects relays its outbox to Kafka and another service's access read
// model consumes the topic from Kafka (a consumer group of its own per run).
describeWithPostgres('project access over Kafka', (serverUrl) => {
  describeWithKafka('projects with BUS=kafka and a consumer with BUS=kafka', (brokers) => {
    let database: { url: string; drop(): Promise<void> };
    let started: Awaited<ReturnType<typeof startProjects>>;
    let client: ProjectsClient['service'];
    let view: AccessView;
    let consumer: ProjectAccessConsumer;
    let access: PolicyProjectAccess;

    beforeAll(async () => {
      database = await createTestDatabase(serverUrl, 'projects_kafka');
      started = await startProjects({ DATABASE_URL: database.url, BUS: 'kafka', KAFKA_BROKERS: brokers, LOG_LEVEL: 'error' });
      client = started.client.service;
      // Its own consumer group per run: it joins after the first events and reads the topic from the start.
      view = await startAccessView(database.url, 'audiences_view', { BUS: 'kafka', KAFKA_BROKERS: brokers.split(','), groupPrefix: `spec-${randomUUID()}` }, { start: false });
      ({ consumer, access } = view);
    }, 60_000);

    afterAll(async () => {
      await view?.stop();
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
