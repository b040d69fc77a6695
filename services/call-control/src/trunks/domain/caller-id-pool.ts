import type { CallerIdPool, RoutingRefusal } from './trunk';

export type CallerIdPick = { readonly kind: 'chosen'; readonly callerId: string; readonly nextCursor: number } | ({ readonly kind: 'refused' } & RoutingRefusal);

/**
 * The caller ID of one call on a trunk. One the PlaceCall names must be in the pool (a trunk
 * presents only numbers it may present). Otherwise the pool's choice picks: round robin walks the
 * numbers with `cursor` (the caller keeps `nextCursor` for the next call), random ("carousel")
 * draws with `random` in [0, 1).
 */
export function chooseCallerId(pool: CallerIdPool, trunkId: string, requested: string | undefined, cursor: number, random: () => number): CallerIdPick {
  if (requested !== undefined) {
    if (pool.acceptsOthers || pool.numbers.includes(requested)) return { kind: 'chosen', callerId: requested, nextCursor: cursor };
    return { kind: 'refused', reason: 'CallerIdNotAllowed', detail: `caller ID ${requested} is not in the pool of trunk ${trunkId}` };
  }
  const count = pool.numbers.length;
  if (count === 0) return { kind: 'refused', reason: 'CallerIdNotAllowed', detail: `trunk ${trunkId} has no caller ID to present` };
  const index = pool.choice === 'round-robin' ? cursor % count : Math.min(count - 1, Math.floor(random() * count));
  const callerId = pool.numbers[index];
  if (callerId === undefined) throw new RangeError(`caller ID index ${index} outside a pool of ${count}`);
  return { kind: 'chosen', callerId, nextCursor: pool.choice === 'round-robin' ? (index + 1) % count : cursor };
}

/**
 * Whether choosing the caller ID of this request walks the pool's rotation: only a round-robin
 * pool picking for a PlaceCall that names none does (so only then is a turn taken).
 */
export const takesRotationTurn = (pool: CallerIdPool, requested: string | undefined): boolean =>
  requested === undefined && pool.choice === 'round-robin' && pool.numbers.length > 0;
