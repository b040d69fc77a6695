import type { Checkpoint } from '@zvonar/eventsourcing';

/**
 * A checkpoint is the (writer transaction id, position) pair of the store-wide order, written
 * `<xid8>:<position>`. Position 0 after a transaction id means "everything of the transactions
 * before it" (no event has position 0).
 */
export type OrderKey = { transactionId: bigint; position: bigint };

export const START: OrderKey = { transactionId: 0n, position: 0n };

export const toCheckpoint = (transactionId: string | bigint, position: string | bigint): Checkpoint => `${transactionId}:${position}` as Checkpoint;

export function parseCheckpoint(checkpoint: Checkpoint | undefined): OrderKey {
  if (checkpoint === undefined) return START;
  const match = /^(\d+):(\d+)$/.exec(checkpoint);
  if (!match) throw new Error(`Not a PostgreSQL event store checkpoint: "${checkpoint}"`);
  return { transactionId: BigInt(match[1]!), position: BigInt(match[2]!) };
}

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  const [x, y] = [parseCheckpoint(a), parseCheckpoint(b)];
  if (x.transactionId !== y.transactionId) return x.transactionId < y.transactionId ? -1 : 1;
  return x.position === y.position ? 0 : x.position < y.position ? -1 : 1;
}
