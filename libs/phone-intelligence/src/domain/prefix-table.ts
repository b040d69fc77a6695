/** A digit-prefix map answering the longest prefix of a number that it holds. */
export class PrefixTable<T> {
  private readonly entries: ReadonlyMap<string, T>;
  private readonly longestPrefix: number;

  constructor(entries: Iterable<readonly [string, T]>) {
    const map = new Map<string, T>();
    let longest = 0;
    for (const [prefix, value] of entries) {
      if (!/^\d+$/.test(prefix)) throw new RangeError(`prefix must be digits, got ${JSON.stringify(prefix)}`);
      map.set(prefix, value);
      longest = Math.max(longest, prefix.length);
    }
    this.entries = map;
    this.longestPrefix = longest;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value of the longest prefix of `digits`, with that prefix; undefined when none matches. */
  longest(digits: string): { readonly prefix: string; readonly value: T } | undefined {
    for (let length = Math.min(digits.length, this.longestPrefix); length > 0; length -= 1) {
      const prefix = digits.slice(0, length);
      const value = this.entries.get(prefix);
      if (value !== undefined) return { prefix, value };
    }
    return undefined;
  }
}
