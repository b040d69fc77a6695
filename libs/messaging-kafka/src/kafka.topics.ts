import { deadLetterTopic } from '@zvonar/messaging';
import type { Admin } from 'kafkajs';
import { atTheEdge } from './kafka.errors';

export type TopicSettings = {
  /** More partitions = more members of a group can work in parallel; per-key order holds regardless. */
  partitions: number;
  /** -1 takes the broker's default (3 on a production cluster, 1 on a dev broker). */
  replicationFactor: number;
};

/**
 * Creates each topic and its `<topic>.dlq`, leaving existing ones untouched. Production clusters
 * usually declare topics elsewhere (Strimzi KafkaTopic); this serves dev, tests and benchmarks.
 */
export async function ensureTopics(admin: Admin, topics: readonly string[], settings: TopicSettings): Promise<void> {
  const names = [...new Set(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]))];
  await atTheEdge('SUBSCRIBE_FAILED', `Creating topics ${names.join(', ')}`, () =>
    admin.createTopics({
      waitForLeaders: true,
      topics: names.map((topic) => ({ topic, numPartitions: settings.partitions, replicationFactor: settings.replicationFactor })),
    }),
  );
}
