import type { Logger } from 'pino';
import { initialTelephonyWatch, observeTelephony, resumeSweepFailed, telephonyAvailable, type TelephonyWatchOptions, type TelephonyWatchState } from '../domain';
import type { TelephonyAvailability, TelephonyPauses, TelephonyStatus, TelephonyStatusAnswer } from './telephony.port';

export type TelephonyWatchRunOptions = TelephonyWatchOptions & {
  /** Real time between two status answers (the next check starts when the previous one is done). */
  readonly checkEveryMs: number;
};

/**
 * Asks call-control for its status every `checkEveryMs` and acts on the telephony watch's
 * decisions: pauses running campaigns while it is unavailable, resumes those it paused once it is
 * back, and tells the dialing loop (and the user's resume) whether calls may be placed. Both
 * changes are logged once. Every campaigns process runs one; their sweeps go through the Campaign
 * aggregate, where a repeat is nothing and a concurrent one a retried version conflict.
 */
export class TelephonyWatch implements TelephonyAvailability {
  private state: TelephonyWatchState = initialTelephonyWatch();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly status: TelephonyStatus,
    private readonly pauses: TelephonyPauses,
    private readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>,
    private readonly options: TelephonyWatchRunOptions,
    private readonly now: () => number = Date.now,
  ) {}

  available(): boolean {
    return telephonyAvailable(this.state);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Ends after the check (and sweep) in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((error: unknown) => this.logger.error({ err: error }, 'telephony watch check failed'))
        .finally(() => this.schedule(this.options.checkEveryMs));
    }, delayMs);
  }

  /** One status answer and what it calls for. */
  async tick(): Promise<void> {
    const answer = await this.status.check();
    const at = this.now();
    const { state, transition, sweep } = observeTelephony(this.state, { ready: answer.ready, at }, this.options);
    this.state = state;
    this.report(transition, answer);
    if (sweep === 'pause-running') await this.pauseRunning();
    if (sweep === 'resume-paused') await this.resumePaused(at);
  }

  private report(transition: 'lost' | 'restored' | null, answer: TelephonyStatusAnswer): void {
    // The telephony is lost on a failed answer: it names the problem.
    if (transition === 'lost' && !answer.ready) {
      const { problem } = answer;
      this.logger.warn(
        { dependency: 'call-control', problem, graceMs: this.options.graceMs },
        `call-control unavailable past the grace period (${problem}): running campaigns are paused (TelephonyUnavailable) until it is back`,
      );
    }
    if (transition === 'restored') this.logger.info({ dependency: 'call-control' }, 'call-control is back: campaigns paused for it resume');
  }

  private async pauseRunning(): Promise<void> {
    try {
      const paused = await this.pauses.pauseRunning();
      if (paused > 0) this.logger.info({ paused }, `${paused} running campaign(s) paused: call-control unavailable`);
    } catch (error) {
      // Asked again at the next answer while the outage lasts; the dialing loop already sends nothing.
      this.logger.error({ err: error }, 'pausing running campaigns failed; retried at the next check');
    }
  }

  private async resumePaused(at: number): Promise<void> {
    try {
      const resumed = await this.pauses.resumePaused();
      if (resumed > 0) this.logger.info({ resumed }, `${resumed} campaign(s) paused for call-control resumed`);
    } catch (error) {
      this.state = resumeSweepFailed(this.state, at);
      this.logger.error({ err: error }, 'resuming campaigns paused for call-control failed; retried at the next check');
    }
  }
}
