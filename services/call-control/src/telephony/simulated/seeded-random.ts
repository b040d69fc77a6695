import { seedFrom } from '@zvonar/scenario-runtime';

export type MsRange = { readonly minMs: number; readonly maxMs: number };

/**
 * A deterministic source of draws for one virtual callee: a Weyl sequence through the murmur3
 * finaliser. Each channel gets its own stream from (seed, channel id), so a call draws the same
 * behaviour whatever other calls run beside it and in whatever order they interleave.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number, key: string) {
    this.state = seedFrom(`${seed}:${key}`) | 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Whole milliseconds, uniform in the range (both ends included). */
  within({ minMs, maxMs }: MsRange): number {
    return minMs + Math.floor(this.next() * (Math.max(minMs, maxMs) - minMs + 1));
  }

  /** A key drawn in proportion to its weight; the first key when every weight is 0. */
  pick<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
    let draw = this.next() * total;
    for (const [key, weight] of entries) {
      draw -= Math.max(0, weight);
      if (draw < 0) return key;
    }
    const first = entries[0];
    if (!first) throw new Error('pick needs at least one weight');
    return first[0];
  }
}
