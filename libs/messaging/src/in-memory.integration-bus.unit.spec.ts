import { randomUUID } from 'node:crypto';
import { eventually } from '@zvonar/testing';
import { InMemoryIntegrationBus } from './in-memory.integration-bus';
import type { IntegrationMessage } from './integration-message';
import { describeIntegrationBusContract } from './testing';

describeIntegrationBusContract('InMemoryIntegrationBus', async () => {
  const bus = new InMemoryIntegrationBus({ partitions: 4 });
  return { publisher: bus, subscriber: bus, createTopics: async () => undefined, close: async () => undefined };
});

describe('InMemoryIntegrationBus ephemeral groups', () => {
  const topic = 'zvonar.identity.credentials.v1';
  const aMessage = (seq: number): IntegrationMessage => ({
    messageId: randomUUID(),
    topic,
    key: `user-${seq}`,
    type: 'zvonar.identity.v1.CredentialsChanged',
    payload: Uint8Array.of(seq),
    occurredAt: new Date(),
    headers: {},
  });

  it.each([
    { ephemeral: true, secondSession: [1, 2] },
    { ephemeral: false, secondSession: [] },
  ])('keeps a group’s offsets after its last member stopped only when it is not ephemeral ($ephemeral)', async ({ ephemeral, secondSession }) => {
    const bus = new InMemoryIntegrationBus({ partitions: 2 });
    await bus.publish([aMessage(1), aMessage(2)]);
    const first: number[] = [];
    const subscribe = (seen: number[]) => bus.subscribe({ group: 'gateway-1', topics: [topic], ephemeral, decode: (bytes) => bytes[0]!, handle: async (seq) => void seen.push(seq) });
    const consumer = await subscribe(first);
    await eventually(() => first.length === 2, { what: 'the first session to handle both messages' });
    await consumer.stop();

    const second: number[] = [];
    const again = await subscribe(second);
    await bus.publish([aMessage(3)]);

    // An ephemeral group came back as a new one (from the beginning); a durable one resumed.
    await eventually(() => second.length === secondSession.length + 1, { what: 'the second session’s messages' });
    expect(second.filter((seq) => seq !== 3).sort()).toEqual(secondSession);
    await again.stop();
  });
});
