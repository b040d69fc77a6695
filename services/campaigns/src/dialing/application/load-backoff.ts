export type LoadBackoffOptions = {
  /** The wait after a campaign's first failed load; it doubles with every failure in a row. */
  readonly initialMs: number;
  readonly maxMs: number;
};

export const DEFAULT_LOAD_BACKOFF: LoadBackoffOptions = { initialMs: 1_000, maxMs: 60_000 };

/**
 * When a campaign whose audience load failed may be tried again. A load that keeps failing (the
 * audiences service down) waits longer and longer, holding nothing, so it neither hammers the
 * audiences service nor keeps a load slot from the campaigns behind it.
 */
export class LoadBackoff {
  private readonly failures = new Map<string, { readonly retryAt: number; readonly waitMs: number }>();

  constructor(private readonly options: LoadBackoffOptions = DEFAULT_LOAD_BACKOFF) {}

  mayTry(campaignId: string, nowMs: number): boolean {
    const failure = this.failures.get(campaignId);
    return failure === undefined || nowMs >= failure.retryAt;
  }

  failed(campaignId: string, nowMs: number): number {
    const previous = this.failures.get(campaignId);
    const waitMs = previous ? Math.min(previous.waitMs * 2, this.options.maxMs) : Math.min(this.options.initialMs, this.options.maxMs);
    this.failures.set(campaignId, { retryAt: nowMs + waitMs, waitMs });
    return waitMs;
  }

  succeeded(campaignId: string): void {
    this.failures.delete(campaignId);
  }
}
