import { deadLetterTopic } from '@zvonar/messaging';
import type { Admin } from 'kafkajs';
import { atTheEdge } from './kafka.errors';

export type TopicSettings = {
  /** More partitions = more members of a group can work in parallel; per-key order holds regardless. */
  partitions: number;
  /** -1 takes the broker's default (3 on a production cluster, 1 on a dev broker). */
  replicationFactor: number;
};

/** How long a topic another process is creating may take to get its partition leaders. */
const LEADERS_TIMEOUT_MS = 30_000;

/**
 * Creates each topic and its `<topic>.dlq`, leaving existing ones untouched, and returns once
 * every partition of them has a leader. Production clusters usually declare topics elsewhere
 * (Strimzi KafkaTopic); this serves dev, tests and benchmarks.
 */
export async function ensureTopics(admin: Admin, topics: readonly string[], settings: TopicSettings): Promise<void> {
  const names = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))];
  await atTheEdge('SUBSCRIBE_FAILED', `Creating topics ${names.join(', ')}`, async () => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: names.map((topic) => ({ topic, numPartitions: settings.partitions, replicationFactor: settings.replicationFactor })),
    });
    // waitForLeaders covers only the topics this call created. One that another process was
    // creating at the same moment exists without leaders for a while, and subscribing to it then
    // fails ("does not host this topic-partition"): services starting together hit exactly that.
    await untilLeadersElected(admin, names);
  });
}

async function untilLeadersElected(admin: Admin, names: readonly string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (let delayMs = 50; ; delayMs = Math.min(delayMs * 2, 1_000)) {
    const ready = await admin.fetchTopicMetadata({ topics: [...names] }).then(
      ({ topics }) => topics.length === names.length && topics.every(({ partitions }) => partitions.length > 0 && partitions.every(({ leader }) => leader >= 0)),
      // The broker's metadata may not list a topic created a moment ago yet.
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`no leader for every partition of ${names.join(', ')} after ${LEADERS_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
