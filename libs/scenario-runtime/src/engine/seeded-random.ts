/**
 * A small deterministic generator (mulberry32) whose whole state is one 32-bit number kept in
 * the runtime state, so a replayed call takes the same A/B branch.
 */
export const nextRandom = (seed: number): { value: number; seed: number } => {
  const next = (seed + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, seed: next };
};

/** A stable seed from a call id, for callers that have no number at hand. */
export const seedFrom = (text: string): number => {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
};
