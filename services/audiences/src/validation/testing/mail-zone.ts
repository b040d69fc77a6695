/** What DNS holds about one name, for test doubles of the DNS port. */
export type ZoneEntry =
  | {
      /** Mail exchanges; `'null-mx'` publishes RFC 7505's single MX to the root. */
      readonly mx?: ReadonlyArray<{ readonly preference: number; readonly exchange: string }> | 'null-mx';
      readonly a?: readonly string[];
      readonly aaaa?: readonly string[];
    }
  /** Every question about the name fails with SERVFAIL. */
  | 'servfail'
  /** No question about the name is ever answered: the asker times out. */
  | 'silent';

/** Names not in the table do not exist (NXDOMAIN); a listed name without records of the type asked has none (NODATA). */
export type Zone = Readonly<Record<string, ZoneEntry>>;
