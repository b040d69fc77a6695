/** How long and how many "no such project" answers are remembered. */
export interface RecentMissesOptions {
  /** A miss older than this is asked again. */
  readonly ttlMs: number;
  /** The oldest are forgotten first beyond this many: memory stays bounded whatever callers probe. */
  readonly maxEntries: number;
  readonly now?: () => number;
}

/**
 * (project, caller) pairs projects recently answered "no such project" for, kept for a moment so
 * that a script probing ids does not turn every request into a call to projects. Bounded in time
 * and in size.
 */
export class RecentMisses {
  private readonly expiries = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly options: RecentMissesOptions) {
    this.now = options.now ?? Date.now;
  }

  has(projectId: string, userId: string): boolean {
    const key = keyOf(projectId, userId);
    const expiry = this.expiries.get(key);
    if (expiry === undefined) return false;
    if (expiry > this.now()) return true;
    this.expiries.delete(key);
    return false;
  }

  remember(projectId: string, userId: string): void {
    const key = keyOf(projectId, userId);
    // Re-inserting moves the key to the end, so the Map's order stays oldest first.
    this.expiries.delete(key);
    this.expiries.set(key, this.now() + this.options.ttlMs);
    for (const oldest of this.expiries.keys()) {
      if (this.expiries.size <= this.options.maxEntries) break;
      this.expiries.delete(oldest);
    }
  }

  get size(): number {
    return this.expiries.size;
  }
}

const keyOf = (projectId: string, userId: string): string => `${projectId}\u0000${userId}`;
