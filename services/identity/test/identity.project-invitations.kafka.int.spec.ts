import { randomUUID } from 'node:crypto';
import { TestClock } from '@zvonar/platform';
import { createTestDatabase, describeWithKafka, describeWithPostgres, eventually } from '@zvonar/testing';
import { call, type IdentityClient } from './identity.test-client';
import { anEmail } from './mothers/user.mother';
import { as, startProjectsAlongside } from './projects-alongside';
import { startIdentity } from './start-identity';

// The distributed mode: projects relays ProjectInvitationIssued to Kafka, identity consumes it
// from Kafka in a consumer group of its own per run, and the email lands in the local outbox.
describeWithPostgres('project invitations over Kafka', (serverUrl) => {
  describeWithKafka('projects and identity with BUS=kafka', (brokers) => {
    let database: { url: string; drop(): Promise<void> };
    let identity: Awaited<ReturnType<typeof startIdentity>>;
    let projects: Awaited<ReturnType<typeof startProjectsAlongside>>;
    let client: IdentityClient['service'];

    beforeAll(async () => {
      database = await createTestDatabase(serverUrl, 'identity_invitations_kafka');
      const kafka = { DATABASE_URL: database.url, BUS: 'kafka', KAFKA_BROKERS: brokers, LOG_LEVEL: 'error' };
      identity = await startIdentity({ ...kafka, CONSUMER_GROUP_PREFIX: `spec-${randomUUID()}` });
      client = identity.client.service;
      projects = await startProjectsAlongside(kafka, new TestClock('2026-03-02T09:00:00.000Z'));
    }, 60_000);

    afterAll(async () => {
      await projects?.stop();
      await identity?.stop();
      await database?.drop();
    });

    it('invite → the email with the accept link arrives through Kafka', async () => {
      const owner = { accountId: `account-${randomUUID()}`, userId: `user-${randomUUID()}`, roles: ['user'], email: anEmail() };
      const { project } = await call(projects.client.createProject({ name: 'Через Kafka', description: '', customFields: [], tags: [] }, as(owner)));
      const invitee = anEmail();
      const { invitation } = await call(projects.client.inviteMember({ projectId: project!.projectId, email: invitee }, as(owner)));

      const email = await eventually(async () => (await call(client.listLocalOutbox({ recipient: invitee, limit: 5 }))).messages[0], {
        what: 'the invitation email',
        timeoutMs: 45_000,
        intervalMs: 100,
      });
      expect(email.subject).toBe('Звонарь: приглашение в проект «Через Kafka»');
      // The owner is not an identity user here: the email names them by the address projects sent.
      expect(email.body).toContain(`${owner.email} приглашает вас`);
      expect(email.body).toContain(`https://cabinet.example.test/invitations/accept?token=${invitation!.token} `);
    }, 90_000);
  });
});
