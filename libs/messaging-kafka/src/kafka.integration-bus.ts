import {
  deadLetterOf,
  deliver,
  interruptiblePause,
  resolveRetryPolicy,
  type IntegrationConsumer,
  type IntegrationEventPublisher,
  type IntegrationEventSubscriber,
  type IntegrationMessage,
  type SubscribeOptions,
  assertValidMessage,
} from '@zvonar/messaging';
import { Kafka, KafkaJSError, logLevel, Partitioners, type Admin, type EachBatchPayload, type LogEntry, type Producer } from 'kafkajs';
import { atTheEdge, translateKafkaError } from './kafka.errors';
import { fromKafkaRecord, toKafkaMessage } from './kafka.message-codec';
import { commitEndOffsetsForNewPartitions } from './kafka.start-position';
import { ensureTopics, type TopicSettings } from './kafka.topics';

/** Pino-compatible, so services pass their logger; kafkajs' own records arrive as `kafka` objects. */
export type BusLogger = {
  error(object: object, message: string): void;
  warn(object: object, message: string): void;
};

export type KafkaBusOptions = {
  brokers: readonly string[];
  clientId: string;
  /** Create subscribed topics and every dead-letter topic on subscribe (dev, tests); off when topics are declared elsewhere. */
  createTopics?: boolean;
  topicDefaults?: Partial<TopicSettings>;
  /** Partitions one member handles at once; order within a partition is always kept. */
  partitionsConsumedConcurrently?: number;
  logger?: BusLogger;
  /** Driver-level retries of a failing request before it surfaces as an IntegrationBusError (default 5). */
  retries?: number;
};

/** Longer than a rebalance may take (kafkajs' default rebalance timeout is 60 s). */
const JOIN_TIMEOUT_MS = 90_000;

const withinJoinTimeout = (joined: Promise<void>): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KafkaJSError(`not joined after ${JOIN_TIMEOUT_MS} ms`, { retriable: true })), JOIN_TIMEOUT_MS);
  });
  return Promise.race([joined, timeout]).finally(() => clearTimeout(timer));
};

const stderrLogger: BusLogger = {
  error: (object, message) => process.stderr.write(`${JSON.stringify({ level: 'error', msg: message, ...object })}\n`),
  warn: () => undefined,
};

/**
 * The integration bus on Kafka. kafkajs stays inside this class: callers see our ports and
 * IntegrationBusError only.
 *
 * - publish: an idempotent producer (acks from all in-sync replicas, no duplicates from its own
 *   retries), one record per message, key = aggregate id, envelope fields in headers.
 * - subscribe: one kafkajs consumer per member, offsets committed by hand only after a message
 *   is handled or dead-lettered, so a crash redelivers instead of skipping.
 *
 * ```ts
 * const bus = await KafkaIntegrationBus.connect({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'billing' });
 * await bus.subscribe({ group: 'billing', topics: [callsTopic], decode: (bytes) => CallEnded.decode(bytes), handle });
 * ```
 */
export class KafkaIntegrationBus implements IntegrationEventPublisher, IntegrationEventSubscriber {
  private readonly consumers = new Set<IntegrationConsumer>();
  private readonly topicSettings: TopicSettings;

  private constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly options: KafkaBusOptions,
  ) {
    this.topicSettings = { partitions: 6, replicationFactor: -1, ...options.topicDefaults };
  }

  static async connect(options: KafkaBusOptions): Promise<KafkaIntegrationBus> {
    const logger = options.logger ?? stderrLogger;
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.WARN,
      retry: { retries: options.retries ?? 5 },
      logCreator:
        () =>
        ({ level, namespace, log }: LogEntry) => {
          const { message, ...extra } = log;
          // The Connection namespace logs every error response, including ones kafkajs then handles
          // (TOPIC_ALREADY_EXISTS, REBALANCE_IN_PROGRESS): a warning, not an error, for us.
          const severe = level === logLevel.ERROR && namespace !== 'Connection';
          // Called on the logger, never detached: pino's methods need their `this`.
          if (severe) logger.error({ kafka: { namespace, ...extra } }, message);
          else logger.warn({ kafka: { namespace, ...extra } }, message);
        },
    });
    // maxInFlightRequests 1 with idempotence keeps each partition's records in send order across retries.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    const admin = kafka.admin();
    await atTheEdge('BUS_UNAVAILABLE', `Connecting to Kafka at ${options.brokers.join(',')}`, async () => {
      await producer.connect();
      await admin.connect();
    });
    return new KafkaIntegrationBus(kafka, producer, admin, options);
  }

  async ensureTopics(topics: readonly string[], settings: Partial<TopicSettings> = {}): Promise<void> {
    await ensureTopics(this.admin, topics, { ...this.topicSettings, ...settings });
  }

  async publish(messages: readonly IntegrationMessage[]): Promise<void> {
    if (messages.length === 0) return;
    messages.forEach(assertValidMessage);
    const byTopic = new Map<string, ReturnType<typeof toKafkaMessage>[]>();
    for (const message of messages) {
      const records = byTopic.get(message.topic) ?? [];
      records.push(toKafkaMessage(message));
      byTopic.set(message.topic, records);
    }
    await atTheEdge('PUBLISH_FAILED', `Publishing ${messages.length} message(s)`, () =>
      this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, records]) => ({ topic, messages: records })) }),
    );
  }

  async subscribe<T>(options: SubscribeOptions<T>): Promise<IntegrationConsumer> {
    const retry = resolveRetryPolicy(options.retry);
    if (this.options.createTopics ?? true) await this.ensureTopics(options.topics);
    const consumer = this.kafka.consumer({ groupId: options.group, allowAutoTopicCreation: false, sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      // A fetch returns as soon as a record arrives anyway; a shorter long-poll only makes
      // rebalances (a member joining or leaving) and shutdown quicker.
      maxWaitTimeInMs: 1_000,
    });
    let stopping = false;
    let signalStop!: () => void;
    const stopped = new Promise<void>((resolve) => (signalStop = resolve));
    // A consumer that crashes before joining (unknown topic, auth) must fail subscribe(), not hang it.
    const joined = new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
      // A retriable crash (the group coordinator still loading on a fresh broker) is restarted
      // by kafkajs itself, and GROUP_JOIN follows: only a crash it gives up on fails subscribe().
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
    });

    const eachBatch = async ({ batch, heartbeat, isRunning, isStale, resolveOffset, commitOffsetsIfNecessary }: EachBatchPayload) => {
      const { topic, partition } = batch;
      let next: string | undefined;
      for (const record of batch.messages) {
        // After a rebalance the partition may belong to someone else: leave the rest to them.
        if (!isRunning() || isStale() || stopping) break;
        const decoded = fromKafkaRecord(topic, partition, record);
        const coordinates = { topic, partition, offset: record.offset };
        const pauseWithHeartbeat = interruptiblePause(stopped);
        const outcome = decoded.ok
          ? await deliver(decoded.message, coordinates, {
              decode: options.decode,
              handle: options.handle,
              retry,
              isStopping: () => stopping,
              pause: async (ms) => {
                await pauseWithHeartbeat(ms);
                await heartbeat();
              },
            })
          : ({ kind: 'dead-letter', reason: decoded.reason, attempts: 0 } as const);
        if (outcome.kind === 'aborted') break;
        if (outcome.kind === 'dead-letter') {
          await this.publish([deadLetterOf(decoded.message, { reason: outcome.reason, group: options.group, coordinates, attempts: outcome.attempts })]);
        }
        resolveOffset(record.offset);
        next = (BigInt(record.offset) + 1n).toString();
      }
      // The committed offset is the next one to read, and only ever one we finished with.
      if (next !== undefined) await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
    };

    const joining = atTheEdge('SUBSCRIBE_FAILED', `Joining group ${options.group} on ${options.topics.join(', ')}`, async () => {
      const latest = options.startAt === 'latest';
      if (latest) await commitEndOffsetsForNewPartitions(this.kafka, this.admin, options.group, options.topics);
      await consumer.connect();
      // For 'latest' every partition has a committed offset by now. What kafkajs still resets
      // (a running group's partition nobody committed, an offset the broker calls out of range,
      // seen once on a just-created topic) goes back to the beginning even then: a replay costs
      // redeliveries, which every consumer handles anyway; a reset to the end would lose messages.
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 4,
        eachBatch,
      });
      await withinJoinTimeout(joined);
    });
    // A member that failed to join must not keep restarting in the background (a caller retries
    // subscribe() with a new one); disconnect also cancels a restart kafkajs has scheduled.
    await joining.catch(async (error: unknown) => {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    });

    // `ephemeral` needs nothing here: an empty group's offsets expire on the broker by themselves
    // (`offsets.retention.minutes`, 7 days by default), and a crash leaves nothing else behind.
    const handle: IntegrationConsumer = {
      stop: async () => {
        if (stopping) return;
        stopping = true;
        signalStop();
        this.consumers.delete(handle);
        // disconnect() waits for the batch in flight, which commits what it finished.
        await consumer.disconnect().catch((error: unknown) => {
          throw translateKafkaError(error, 'BUS_UNAVAILABLE', `Leaving group ${options.group}`);
        });
      },
    };
    this.consumers.add(handle);
    return handle;
  }

  /** Stops every consumer (each commits what it handled), then the producer: nothing acknowledged is lost. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    await atTheEdge('BUS_UNAVAILABLE', 'Disconnecting from Kafka', async () => {
      await this.producer.disconnect();
      await this.admin.disconnect();
    });
  }
}
