import type { Caller } from '../upstream/call-context';

export interface PrincipalCacheOptions {
  /** Longest a principal is kept, whatever the credential's own validity (0 turns the cache off). */
  readonly ttlMs: number;
  /** Most principals kept; the oldest goes first when a new one would exceed it. */
  readonly maxEntries: number;
  readonly now: () => number;
}

interface Entry {
  readonly caller: Caller;
  readonly expiresAtMs: number;
}

/**
 * The principals identity answered for recently seen credentials, so that a client's burst of
 * requests costs one Authenticate instead of one each. What keeps it honest:
 *
 * - it holds entries only while it is `open`, i.e. while the gateway hears identity's
 *   CredentialsChanged events; closing forgets everything, so a gateway cut off from the bus
 *   falls back to asking identity on every request;
 * - `forgetUser` drops every entry of a user the moment an event (or this gateway's own call to
 *   identity) says their sessions, keys or principal changed;
 * - an answer that was in flight while anything was forgotten is not stored: it may predate the
 *   change (the generation check in `remember`);
 * - nothing outlives the credential's own validity (an access token's expiry), nor `ttlMs`, which
 *   bounds the damage of an event that never arrives.
 *
 * Keys are the credentials themselves (`access-token:<jwt>`, `api-key:<key>`): hashing them would
 * cost more per request than the lookup, and the request holds the same secret in memory anyway.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysByUser = new Map<string, Set<string>>();
  private generation = 0;
  private isOpen = false;

  constructor(private readonly options: PrincipalCacheOptions) {}

  get open(): boolean {
    return this.isOpen;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Start keeping principals: the invalidation stream is live. */
  openUp(): void {
    this.isOpen = this.options.ttlMs > 0 && this.options.maxEntries > 0;
  }

  /** Stop keeping principals and forget them all: the invalidation stream is gone. */
  close(): void {
    this.isOpen = false;
    this.generation += 1;
    this.entries.clear();
    this.keysByUser.clear();
  }

  get(key: string): Caller | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs > this.options.now()) return entry.caller;
    this.drop(key, entry.caller.userId);
    return undefined;
  }

  /** Taken before asking identity and handed to `remember` with the answer. */
  mark(): number {
    return this.generation;
  }

  /** Keeps `caller` for `key` unless the cache is closed or something was forgotten since `mark`. */
  remember(key: string, caller: Caller, validUntil: Date | undefined, mark: number): void {
    if (!this.isOpen || mark !== this.generation) return;
    const now = this.options.now();
    const expiresAtMs = Math.min(now + this.options.ttlMs, validUntil?.getTime() ?? Number.POSITIVE_INFINITY);
    if (expiresAtMs <= now) return;
    if (this.entries.has(key)) this.drop(key, caller.userId);
    while (this.entries.size >= this.options.maxEntries) this.dropOldest();
    this.entries.set(key, { caller, expiresAtMs });
    const keys = this.keysByUser.get(caller.userId) ?? new Set<string>();
    keys.add(key);
    this.keysByUser.set(caller.userId, keys);
  }

  /** Drops every principal of `userId`, and keeps answers already in flight from being stored. */
  forgetUser(userId: string): void {
    this.generation += 1;
    for (const key of this.keysByUser.get(userId) ?? []) this.entries.delete(key);
    this.keysByUser.delete(userId);
  }

  private dropOldest(): void {
    // A Map iterates in insertion order: the first key is the longest kept.
    const oldest = this.entries.entries().next();
    if (oldest.done) return;
    const [key, entry] = oldest.value;
    this.drop(key, entry.caller.userId);
  }

  private drop(key: string, userId: string): void {
    this.entries.delete(key);
    const keys = this.keysByUser.get(userId);
    keys?.delete(key);
    if (keys?.size === 0) this.keysByUser.delete(userId);
  }
}
