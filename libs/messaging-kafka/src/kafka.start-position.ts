import type { Admin } from 'kafkajs';

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
 * Kafka accepts a commit from outside a group only while the group has no members
 * (`admin.setOffsets` checks it and joins for a moment as a throwaway member to commit). A
 * group that is running already decides its positions itself: its partitions have offsets
 * committed by whichever of its members came first through here, so nothing is lost. The one
 * case this cannot make exact is several members of a brand-new shared group starting at the
 * same instant; a group per replica, the use case, always starts empty.
 */
export async function commitEndOffsetsForNewPartitions(admin: Admin, group: string, topics: readonly string[]): Promise<void> {
  const committed = await admin.fetchOffsets({ groupId: group, topics: [...topics] });
  for (const { topic, partitions } of committed) {
    // kafkajs reports "no committed offset" as -1.
    const missing = new Set(partitions.filter(({ offset }) => Number(offset) < 0).map(({ partition }) => partition));
    if (missing.size === 0) continue;
    const ends = await admin.fetchTopicOffsets(topic);
    try {
      await admin.setOffsets({
        groupId: group,
        topic,
        partitions: ends.filter(({ partition }) => missing.has(partition)).map(({ partition, high }) => ({ partition, offset: high })),
      });
    } catch (error) {
      if (await hasMembers(admin, group)) return;
      throw error;
    }
  }
}

async function hasMembers(admin: Admin, group: string): Promise<boolean> {
  const { groups } = await admin.describeGroups([group]);
  return groups.some(({ members }) => members.length > 0);
}
