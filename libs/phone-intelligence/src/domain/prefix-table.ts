/** A digit-prefix map answering the longest prefix of a number that it holds. */
export class PrefixTable<T> {
  private constructor(
    private readonly valueOf: (prefix: string) => T | undefined,
    private readonly longestPrefix: number,
  ) {}

  /** A table over an explicit list of prefixes. */
  static of<T>(entries: Iterable<readonly [string, T]>): PrefixTable<T> {
    const map = new Map<string, T>();
    for (const [prefix, value] of entries) {
      if (!/^\d+$/.test(prefix)) throw new RangeError(`prefix must be digits, got ${JSON.stringify(prefix)}`);
      map.set(prefix, value);
    }
    return new PrefixTable((prefix) => map.get(prefix), Math.max(0, ...Array.from(map.keys(), (prefix) => prefix.length)));
  }

  /**
   * A table that reads values on demand from a lookup (a large parsed JSON object, say) instead of copying
   * hundreds of thousands of rows into a Map.
   */
  static over<T>(valueOf: (prefix: string) => T | undefined, longestPrefix: number): PrefixTable<T> {
    return new PrefixTable(valueOf, longestPrefix);
  }

  /** The value of the longest prefix of `digits`, with that prefix; undefined when none matches. */
  longest(digits: string): { readonly prefix: string; readonly value: T } | undefined {
    for (let length = Math.min(digits.length, this.longestPrefix); length > 0; length -= 1) {
      const prefix = digits.slice(0, length);
      const value = this.valueOf(prefix);
      if (value !== undefined) return { prefix, value };
    }
    return undefined;
  }
}
