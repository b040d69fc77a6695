import { randomUUID } from 'node:crypto';
import { eventually } from '@zvonar/testing';
import { DeadLetterHeaders, type IntegrationMessage } from '../integration-message';
import type { IntegrationEventPublisher } from '../integration-event-publisher.port';
import type { Delivery, IntegrationConsumer, IntegrationEventSubscriber, SubscribeOptions } from '../integration-event-subscriber.port';
import { deadLetterTopic, integrationTopic } from '../topic-names';

export type BusUnderTest = {
  publisher: IntegrationEventPublisher;
  subscriber: IntegrationEventSubscriber;
  /** Creates the topics (and their dead-letter topics) with several partitions; a no-op where topics need no creation. */
  createTopics(topics: readonly string[]): Promise<void>;
  close(): Promise<void>;
};

export type ContractOptions = {
  /** Per test; real brokers need seconds for group joins. */
  timeoutMs?: number;
};

type Body = { seq: number; note?: string };

const encode = (body: Body): Uint8Array => new TextEncoder().encode(JSON.stringify(body));

/** The contract's "protobuf decode": strict, so that garbage bytes are rejected like a real decoder does. */
const decodeBody = (payload: Uint8Array): Body => {
  const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Body).seq !== 'number') throw new TypeError('not a contract Body');
  return parsed as Body;
};

const rawBytes = (payload: Uint8Array): Uint8Array => payload;

const aMessage = (topic: string, key: string, body: Body, overrides: Partial<IntegrationMessage> = {}): IntegrationMessage => ({
  messageId: randomUUID(),
  topic,
  key,
  type: 'zvonar.contract.v1.Thing',
  payload: encode(body),
  occurredAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
  headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', correlationId: 'corr-1', causationId: 'cause-1' },
  ...overrides,
});

/**
 * The behaviour every integration bus adapter must show. Run it in a unit spec against the
 * in-memory bus and in int specs against PostgreSQL and Kafka:
 *
 * ```ts
 * describeIntegrationBusContract('KafkaIntegrationBus', async () => { ... return { publisher, subscriber, createTopics, close }; });
 * ```
 */
export function describeIntegrationBusContract(name: string, makeBus: () => Promise<BusUnderTest>, options: ContractOptions = {}): void {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const wait = <T>(probe: () => T | undefined | false, what: string) => eventually(probe, { timeoutMs, what });

  describe(`${name} (integration bus contract)`, () => {
    let bus: BusUnderTest;
    let consumers: IntegrationConsumer[] = [];

    beforeAll(async () => {
      bus = await makeBus();
    }, 60_000);
    afterEach(async () => {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      consumers = [];
    }, 60_000);
    afterAll(async () => {
      await bus?.close();
    }, 60_000);

    const freshTopic = async (): Promise<string> => {
      const topic = integrationTopic({ service: `contract-${randomUUID().slice(0, 8)}`, category: 'things', version: 1 });
      await bus.createTopics([topic]);
      return topic;
    };
    const join = async <T>(subscribe: SubscribeOptions<T>): Promise<IntegrationConsumer> => {
      const consumer = await bus.subscriber.subscribe(subscribe);
      consumers.push(consumer);
      return consumer;
    };
    const collect = (topic: string, group: string, seen: Delivery[], extra: Partial<SubscribeOptions<Body>> = {}) =>
      join<Body>({ group, topics: [topic], decode: decodeBody, handle: async (_body, delivery) => void seen.push(delivery), ...extra });

    it(
      'delivers every message to each consumer group, envelope intact',
      async () => {
        const topic = await freshTopic();
        const first: Delivery[] = [];
        const second: Delivery[] = [];
        await collect(topic, `g1-${randomUUID()}`, first);
        await collect(topic, `g2-${randomUUID()}`, second);
        const messages = Array.from({ length: 20 }, (_, seq) => aMessage(topic, `key-${seq % 5}`, { seq }));
        await bus.publisher.publish(messages);

        const ids = (seen: Delivery[]) => new Set(seen.map((delivery) => delivery.message.messageId));
        await wait(() => ids(first).size === 20 && ids(second).size === 20, 'both groups to receive all 20 messages');
        expect(ids(first)).toEqual(new Set(messages.map((message) => message.messageId)));
        const sent = messages[7]!;
        const received = first.find((delivery) => delivery.message.messageId === sent.messageId)!.message;
        expect({ ...received, payload: Array.from(received.payload) }).toEqual({ ...sent, payload: Array.from(sent.payload) });
      },
      timeoutMs * 3,
    );

    it(
      'splits the partitions of a group between its members',
      async () => {
        const topic = await freshTopic();
        const group = `shared-${randomUUID()}`;
        const a: Delivery[] = [];
        const b: Delivery[] = [];
        await collect(topic, group, a);
        await collect(topic, group, b);
        await bus.publisher.publish(Array.from({ length: 60 }, (_, seq) => aMessage(topic, `key-${seq % 30}`, { seq })));

        await wait(() => new Set([...a, ...b].map((delivery) => delivery.message.messageId)).size === 60, 'the group to receive all 60 messages');
        expect(a.length).toBeGreaterThan(0);
        expect(b.length).toBeGreaterThan(0);
        const keysOf = (seen: Delivery[]) => new Set(seen.map((delivery) => delivery.message.key));
        const shared = [...keysOf(a)].filter((key) => keysOf(b).has(key));
        expect(shared).toEqual([]);
      },
      timeoutMs * 3,
    );

    it(
      'keeps per-key order with concurrent publishers, members and slow handlers',
      async () => {
        const topic = await freshTopic();
        const group = `ordered-${randomUUID()}`;
        const seen = new Map<string, number[]>();
        const handle = async (body: Body, delivery: Delivery) => {
          // Yield a varying number of turns so deliveries on different partitions interleave.
          for (let turn = 0; turn < body.seq % 4; turn += 1) await new Promise((resolve) => setImmediate(resolve));
          seen.set(delivery.message.key, [...(seen.get(delivery.message.key) ?? []), body.seq]);
        };
        await join<Body>({ group, topics: [topic], decode: decodeBody, handle });
        await join<Body>({ group, topics: [topic], decode: decodeBody, handle });
        const keys = Array.from({ length: 8 }, (_, index) => `order-${index}`);
        const perKey = 25;
        // Each key's publisher awaits its own acknowledgements, so the key's order is defined; the keys race each other.
        await Promise.all(
          keys.map(async (key) => {
            for (let seq = 0; seq < perKey; seq += 1) await bus.publisher.publish([aMessage(topic, key, { seq })]);
          }),
        );

        await wait(() => keys.every((key) => (seen.get(key)?.length ?? 0) >= perKey), 'every key to be fully delivered');
        for (const key of keys) expect(seen.get(key)).toEqual(Array.from({ length: perKey }, (_, seq) => seq));
      },
      timeoutMs * 3,
    );

    it(
      'redelivers a message whose handler threw (at-least-once)',
      async () => {
        const topic = await freshTopic();
        const attempts: number[] = [];
        const handled: number[] = [];
        await join<Body>({
          group: `retry-${randomUUID()}`,
          topics: [topic],
          decode: decodeBody,
          retry: { maxAttempts: 5, initialBackoffMs: 5, maxBackoffMs: 20 },
          handle: async (body, delivery) => {
            attempts.push(delivery.attempt);
            if (delivery.attempt < 3) throw new Error('transient failure');
            handled.push(body.seq);
          },
        });
        await bus.publisher.publish([aMessage(topic, 'k', { seq: 1 })]);

        await wait(() => handled.length === 1, 'the third attempt to succeed');
        expect(attempts).toEqual([1, 2, 3]);
      },
      timeoutMs * 3,
    );

    it(
      'dead-letters a message that keeps failing, with its reason, and goes on with later messages',
      async () => {
        const topic = await freshTopic();
        const group = `dlq-${randomUUID()}`;
        const handled: number[] = [];
        let poisonAttempts = 0;
        await join<Body>({
          group,
          topics: [topic],
          decode: decodeBody,
          retry: { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 20 },
          handle: async (body) => {
            if (body.note === 'poison') {
              poisonAttempts += 1;
              throw new Error('cannot charge a negative duration');
            }
            handled.push(body.seq);
          },
        });
        const dead: Delivery[] = [];
        await join<Uint8Array>({ group: `dlq-reader-${randomUUID()}`, topics: [deadLetterTopic(topic)], decode: rawBytes, handle: async (_bytes, delivery) => void dead.push(delivery) });
        const poison = aMessage(topic, 'same-key', { seq: 1, note: 'poison' });
        await bus.publisher.publish([poison, aMessage(topic, 'same-key', { seq: 2 }), aMessage(topic, 'other-key', { seq: 3 })]);

        await wait(() => dead.length >= 1 && handled.length === 2, 'the poison message in the DLQ and the others handled');
        expect(handled.sort()).toEqual([2, 3]);
        expect(poisonAttempts).toBe(3);
        const letter = dead[0]!.message;
        expect(letter.messageId).toBe(poison.messageId);
        expect(letter.key).toBe('same-key');
        expect(Array.from(letter.payload)).toEqual(Array.from(poison.payload));
        expect(letter.headers[DeadLetterHeaders.reason]).toContain('cannot charge a negative duration');
        expect(letter.headers[DeadLetterHeaders.originalTopic]).toBe(topic);
        expect(letter.headers[DeadLetterHeaders.group]).toBe(group);
        expect(letter.headers[DeadLetterHeaders.attempts]).toBe('3');
        expect(letter.headers[DeadLetterHeaders.originalOffset]).toMatch(/^\d+$/);
        expect(letter.headers.traceparent).toBe(poison.headers.traceparent);
      },
      timeoutMs * 3,
    );

    it(
      'dead-letters an undecodable payload without calling the handler, and goes on',
      async () => {
        const topic = await freshTopic();
        const handled: number[] = [];
        await join<Body>({ group: `decode-${randomUUID()}`, topics: [topic], decode: decodeBody, handle: async (body) => void handled.push(body.seq) });
        const dead: Delivery[] = [];
        await join<Uint8Array>({ group: `decode-dlq-${randomUUID()}`, topics: [deadLetterTopic(topic)], decode: rawBytes, handle: async (_bytes, delivery) => void dead.push(delivery) });
        const garbage = aMessage(topic, 'k', { seq: 0 }, { payload: Uint8Array.from([0xff, 0xfe, 0x00, 0x01]) });
        await bus.publisher.publish([garbage, aMessage(topic, 'k', { seq: 9 })]);

        await wait(() => dead.length >= 1 && handled.length === 1, 'the garbage in the DLQ and the next message handled');
        expect(handled).toEqual([9]);
        expect(dead[0]!.message.messageId).toBe(garbage.messageId);
        expect(dead[0]!.message.headers[DeadLetterHeaders.reason]).toMatch(/^undecodable: /);
        expect(dead[0]!.message.headers[DeadLetterHeaders.attempts]).toBe('0');
      },
      timeoutMs * 3,
    );

    describe("a group that starts at the end of its topics (startAt: 'latest')", () => {
      const keys = Array.from({ length: 12 }, (_, index) => `latest-${index}`);
      /** One message per key, so every partition of the topic gets some. */
      const oneEach = (topic: string, first: number) => keys.map((key, index) => aMessage(topic, key, { seq: first + index }));
      const idsOf = (messages: readonly IntegrationMessage[]) => new Set(messages.map((message) => message.messageId));
      const seenIds = (seen: readonly Delivery[]) => new Set(seen.map((delivery) => delivery.message.messageId));
      const latest = { startAt: 'latest' } as const;

      it(
        'does not receive what was published before it subscribed',
        async () => {
          const topic = await freshTopic();
          const history = oneEach(topic, 0);
          await bus.publisher.publish(history);
          const seen: Delivery[] = [];
          await collect(topic, `latest-${randomUUID()}`, seen, latest);
          // The same keys again: each partition's history would come before these, in order.
          const after = oneEach(topic, 100);
          await bus.publisher.publish(after);

          await wait(() => [...idsOf(after)].every((id) => seenIds(seen).has(id)), 'the messages published after subscribing');
          expect(seenIds(seen)).toEqual(idsOf(after));
        },
        timeoutMs * 3,
      );

      it(
        'receives every message published right after subscribe() resolved, on every partition, across a rebalance',
        async () => {
          const topic = await freshTopic();
          await bus.publisher.publish(oneEach(topic, 0));
          const group = `latest-${randomUUID()}`;
          const a: Delivery[] = [];
          const b: Delivery[] = [];
          await collect(topic, group, a, latest);
          const first = oneEach(topic, 100);
          await bus.publisher.publish(first);
          // A second member takes over part of the partitions, possibly before the first handled
          // anything on them: the group's start must not move to the end as of this join.
          await collect(topic, group, b, latest);
          const second = oneEach(topic, 200);
          await bus.publisher.publish(second);
          const expected = new Set([...idsOf(first), ...idsOf(second)]);

          await wait(() => [...expected].every((id) => seenIds([...a, ...b]).has(id)), 'every message published after the first subscribe() resolved');
          expect(seenIds([...a, ...b])).toEqual(expected);
        },
        timeoutMs * 3,
      );

      it(
        'continues from its committed offsets when it subscribes again under the same name',
        async () => {
          const topic = await freshTopic();
          await bus.publisher.publish(oneEach(topic, 0));
          const group = `latest-${randomUUID()}`;
          const before: Delivery[] = [];
          const consumer = await collect(topic, group, before, latest);
          // One key only: the partitions that saw nothing in the first session must still resume where it began.
          const handledBefore = [aMessage(topic, keys[0]!, { seq: 100 })];
          await bus.publisher.publish(handledBefore);
          await wait(() => [...idsOf(handledBefore)].every((id) => seenIds(before).has(id)), 'the messages of the first session');
          await consumer.stop();

          const whileAway = oneEach(topic, 200);
          await bus.publisher.publish(whileAway);
          const after: Delivery[] = [];
          await collect(topic, group, after, latest);
          const afterReturn = oneEach(topic, 300);
          await bus.publisher.publish(afterReturn);
          const expected = new Set([...idsOf(whileAway), ...idsOf(afterReturn)]);

          await wait(() => [...expected].every((id) => seenIds(after).has(id)), 'what was published while away and after coming back');
          // Nothing from before the first session, and nothing handled in it again: stop() committed it.
          expect(seenIds(after)).toEqual(expected);
        },
        timeoutMs * 3,
      );
    });
  });
}
