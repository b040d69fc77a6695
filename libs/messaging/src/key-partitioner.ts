/**
 * Stable key -> partition (FNV-1a, 32 bit). Buses that partition themselves (in-memory,
 * PostgreSQL) use it so one key always lands in one partition, which is what per-key order rests on.
 */
export function partitionForKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
