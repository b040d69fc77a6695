import { randomUUID } from 'node:crypto';
import { DeadLetterHeaders, deadLetterTopic, IntegrationBusError, type Delivery, type IntegrationMessage } from '@zvonar/messaging';
import { commonV1 } from '@zvonar/proto-ts';
import { describeWithKafka, eventually } from '@zvonar/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { KafkaIntegrationBus } from './kafka.integration-bus';

const quiet = { error: () => undefined, warn: () => undefined };

describeWithKafka('KafkaIntegrationBus at the Kafka edge', (brokers) => {
  let bus: KafkaIntegrationBus;
  beforeAll(async () => {
    bus = await KafkaIntegrationBus.connect({ brokers: brokers.split(','), clientId: 'edges', topicDefaults: { partitions: 2 }, logger: quiet });
  });
  afterAll(() => bus.close());

  const freshTopic = () => `zvonar.edges-${randomUUID().slice(0, 8)}.things.v1`;
  const aMessage = (topic: string, seq: number): IntegrationMessage => ({
    messageId: randomUUID(),
    topic,
    key: 'k',
    type: 'zvonar.edges.v1.Thing',
    payload: Uint8Array.of(seq),
    occurredAt: new Date(),
    headers: {},
  });

  it('dead-letters a record without our envelope (a foreign producer) with its original coordinates', async () => {
    const topic = freshTopic();
    await bus.ensureTopics([topic]);
    const raw = new Kafka({ clientId: 'foreign', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await raw.connect();
    await raw.send({ topic, messages: [{ key: 'k', value: 'not ours' }] });
    await raw.disconnect();
    const handled: Delivery[] = [];
    const dead: Delivery[] = [];
    const consumer = await bus.subscribe({ group: `g-${randomUUID()}`, topics: [topic], decode: (bytes) => bytes, handle: async (_data, delivery) => void handled.push(delivery) });
    const reader = await bus.subscribe({ group: `d-${randomUUID()}`, topics: [deadLetterTopic(topic)], decode: (bytes) => bytes, handle: async (_data, delivery) => void dead.push(delivery) });
    await bus.publish([aMessage(topic, 1)]);

    await eventually(() => dead.length === 1 && handled.length === 1, { timeoutMs: 20_000, what: 'foreign record dead-lettered, ours handled' });
    const headers = dead[0]!.message.headers;
    expect(headers[DeadLetterHeaders.reason]).toBe('undecodable: no zvonar-message-id, zvonar-type in the Kafka record');
    expect(headers[DeadLetterHeaders.originalTopic]).toBe(topic);
    expect(headers[DeadLetterHeaders.originalOffset]).toBe('0');
    expect(new TextDecoder().decode(dead[0]!.message.payload)).toBe('not ours');
    await Promise.all([consumer.stop(), reader.stop()]);
  }, 40_000);

  it('carries a protobuf payload byte for byte, decoded by the generated decoder, with the trace context', async () => {
    const topic = freshTopic();
    const charge: commonV1.Money = { minorUnits: 12_345, currencyCode: 'RUB' };
    const received: { money: commonV1.Money; delivery: Delivery }[] = [];
    const consumer = await bus.subscribe({
      group: `proto-${randomUUID()}`,
      topics: [topic],
      decode: (bytes) => commonV1.Money.decode(bytes),
      handle: async (money, delivery) => void received.push({ money, delivery }),
    });
    const sent = { ...aMessage(topic, 0), type: 'zvonar.common.v1.Money', payload: commonV1.Money.encode(charge).finish(), headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', correlationId: 'campaign-1', causationId: 'call-9' } };
    await bus.publish([sent]);

    await eventually(() => received.length === 1, { timeoutMs: 20_000, what: 'the Money message' });
    expect(received[0]!.money).toEqual(charge);
    expect(received[0]!.delivery.message.type).toBe('zvonar.common.v1.Money');
    expect(received[0]!.delivery.message.headers).toEqual(sent.headers);
    expect(Array.from(received[0]!.delivery.message.payload)).toEqual(Array.from(sent.payload));
    await consumer.stop();
  }, 40_000);

  it('commits only handled offsets: a member that stops mid-stream is resumed by the next one without loss', async () => {
    const topic = freshTopic();
    await bus.ensureTopics([topic], { partitions: 1 });
    const group = `resume-${randomUUID()}`;
    const messages = Array.from({ length: 10 }, (_, seq) => aMessage(topic, seq));
    await bus.publish(messages);
    const seen: number[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const first = await bus.subscribe({
      group,
      topics: [topic],
      decode: (bytes) => bytes[0]!,
      handle: async (seq) => {
        // The fifth message never finishes on this member: it must be redelivered, not skipped.
        if (seq === 4) {
          await blocked;
          throw new Error('interrupted by shutdown');
        }
        seen.push(seq);
      },
      retry: { maxAttempts: 5, initialBackoffMs: 10_000, maxBackoffMs: 10_000 },
    });
    await eventually(() => seen.length === 4, { timeoutMs: 20_000, what: 'first four handled' });
    const stopping = first.stop();
    release();
    await stopping;

    const second = await bus.subscribe({ group, topics: [topic], decode: (bytes) => bytes[0]!, handle: async (seq) => void seen.push(seq) });
    await eventually(() => seen.length >= 10, { timeoutMs: 20_000, what: 'the rest handled by the next member' });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await second.stop();
  }, 60_000);

  it('translates driver failures into IntegrationBusError', async () => {
    const missing = freshTopic();
    const failure = await bus.publish([aMessage(missing, 1)]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IntegrationBusError);
    expect((failure as IntegrationBusError).code).toBe('PUBLISH_FAILED');
    await expect(KafkaIntegrationBus.connect({ brokers: ['127.0.0.1:1'], clientId: 'nowhere', logger: quiet, retries: 1 })).rejects.toMatchObject({ name: 'IntegrationBusError', code: 'BUS_UNAVAILABLE' });
  }, 60_000);
});
