/** Resolves when the dependency can serve; throws (or resolves false) when it cannot. */
export type ReadinessCheck = () => Promise<boolean | void>;

export interface ReadinessReport {
  readonly ready: boolean;
  readonly status: 'starting' | 'ready' | 'not-ready' | 'draining';
  readonly checks: Record<string, { ok: boolean; error?: string }>;
}

/**
 * Whether this instance should receive traffic. False until the service has started, false as
 * soon as it begins to drain, and otherwise the conjunction of every registered check (database,
 * broker, ARI...). Liveness never consults it: a lost database makes a pod unready, not dead.
 * The platform module provides one instance per service (a value provider, hence no decorator).
 */
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private phase: 'starting' | 'serving' | 'draining' = 'starting';

  constructor(private readonly checkTimeoutMs = 2_000) {}

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`Readiness check "${name}" is already registered`);
    this.checks.set(name, check);
  }

  markServing(): void {
    if (this.phase === 'starting') this.phase = 'serving';
  }

  markDraining(): void {
    this.phase = 'draining';
  }

  get draining(): boolean {
    return this.phase === 'draining';
  }

  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    const healthy = entries.every(([, result]) => result.ok);
    if (this.phase !== 'serving') return { ready: false, status: this.phase, checks };
    return { ready: healthy, status: healthy ? 'ready' : 'not-ready', checks };
  }

  private async run(check: ReadinessCheck): Promise<{ ok: boolean; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    // A dependency that hangs must make the probe answer "not ready", not make the probe hang.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.checkTimeoutMs} ms`)), this.checkTimeoutMs);
    });
    try {
      const result = await Promise.race([check(), timeout]);
      return result === false ? { ok: false, error: 'reported not ready' } : { ok: true };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
