import { KafkaJSError, type Admin, type Kafka } from 'kafkajs';

/** Long enough for a join on a busy broker (plus `group.initial.rebalance.delay.ms`). */
const COMMIT_TIMEOUT_MS = 60_000;

/**
 * Makes `startAt: 'latest'` exact on Kafka: a message published after subscribe() resolved is
 * always delivered, one acknowledged before the group joined never is.
 *
 * Why not `fromBeginning: false` alone: kafkajs resolves a missing offset lazily, at the member's
 * first fetch, which may come after subscribe() resolved; whatever is published in between is
 * skipped. Why not a `seek` after `run`: a seek moves only that member's position and is not
 * committed, so a rebalance before the first message on a partition hands it to a member that
 * resolves "latest" again, later, and the gap reopens.
 *
 * So the start becomes a fact of the group before it joins: every partition the group has no
 * committed offset for gets the partition's current end committed. That end is the high
 * watermark: our producer's publish resolves only once all in-sync replicas have the record, i.e.
 * once the high watermark is past it, so everything acknowledged earlier is below it and
 * everything published after subscribe() resolved at or above it. The member then joins and
 * reads from committed offsets, exactly as a group that restarts, and so does any member that
 * takes a partition over later. Partitions that already have a committed offset keep it.
 *
 * Kafka takes a commit for a group only from its member, or from outside while the group is
 * empty. A group that is running already decides its positions itself: its partitions have
 * offsets committed by whichever member came first through here, so it is left alone. The one
 * case this cannot make exact is several members of a brand-new shared group starting at the
 * same instant (a partition left without a committed offset is then read from the beginning:
 * redelivered, never skipped); a group per replica, the use case, always starts empty.
 */
export async function commitEndOffsetsForNewPartitions(kafka: Kafka, admin: Admin, group: string, topics: readonly string[]): Promise<void> {
  const missing = await partitionsWithoutOffset(admin, group, topics);
  if (missing.length === 0 || (await hasMembers(admin, group))) return;
  const ends = new Map<string, Map<number, string>>();
  for (const topic of new Set(missing.map(({ topic }) => topic))) {
    ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, high])));
  }
  await commitAsMomentaryMember(kafka, admin, group, topics, missing.map(({ topic, partition }) => ({ topic, partition, offset: ends.get(topic)!.get(partition)! })));
}

type TopicPartition = { topic: string; partition: number };

/**
 * The admin's group requests are not retried by kafkajs when the group's coordinator is not
 * ready or moved (a fresh cluster creating `__consumer_offsets`, a broker restart), unlike the
 * consumer's own: retried here, for as long as a join may take.
 */
async function retryingCoordinator<T>(request: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + COMMIT_TIMEOUT_MS;
  for (let delayMs = 50; ; delayMs = Math.min(delayMs * 2, 1_000)) {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof KafkaJSError && error.retriable) || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

async function partitionsWithoutOffset(admin: Admin, group: string, topics: readonly string[]): Promise<TopicPartition[]> {
  const committed = await retryingCoordinator(() => admin.fetchOffsets({ groupId: group, topics: [...topics] }));
  // kafkajs reports "no committed offset" as -1.
  return committed.flatMap(({ topic, partitions }) => partitions.filter(({ offset }) => Number(offset) < 0).map(({ partition }) => ({ topic, partition })));
}

async function hasMembers(admin: Admin, group: string, besides = 0): Promise<boolean> {
  const { groups } = await retryingCoordinator(() => admin.describeGroups([group]));
  return groups.some(({ members }) => members.length > besides);
}

/**
 * Joins the group for a moment, with every partition paused, and seeks: with auto-commit on,
 * kafkajs commits a seek as the member before its first fetch. This is what `admin.setOffsets`
 * does for one topic, but its throwaway member long-polls for the default 5 s before it notices
 * the commit; this one polls the committed offsets instead and leaves as soon as they are there.
 */
async function commitAsMomentaryMember(kafka: Kafka, admin: Admin, group: string, topics: readonly string[], offsets: readonly (TopicPartition & { offset: string })[]): Promise<void> {
  const member = kafka.consumer({ groupId: group, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  let crash: unknown;
  // A crash kafkajs restarts (the coordinator loading) is not fatal here either.
  member.on(member.events.CRASH, ({ payload }) => {
    if (!payload.restart) crash = payload.error;
  });
  // GROUP_JOIN is emitted before the first fetch of each generation, and a restart builds a new
  // group member that has forgotten earlier pauses and seeks: so they are set on every join.
  member.on(member.events.GROUP_JOIN, () => {
    member.pause(topics.map((topic) => ({ topic })));
    for (const { topic, partition, offset } of offsets) member.seek({ topic, partition, offset });
  });
  await member.connect();
  try {
    await member.subscribe({ topics: [...topics] });
    void member.run({ autoCommit: true, eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch((error: unknown) => (crash = error));
    const deadline = Date.now() + COMMIT_TIMEOUT_MS;
    for (let delayMs = 20; ; delayMs = Math.min(delayMs * 2, 500)) {
      if (crash !== undefined) throw crash;
      const left = await partitionsWithoutOffset(admin, group, topics);
      if (!left.some((missing) => offsets.some(({ topic, partition }) => topic === missing.topic && partition === missing.partition))) return;
      // Another member joined meanwhile and took some of the partitions: the group runs now, and decides.
      if (await hasMembers(admin, group, 1)) return;
      if (Date.now() > deadline) throw new Error(`group ${group} has no committed start after ${COMMIT_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  } finally {
    await member.disconnect();
  }
}
