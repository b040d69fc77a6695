import type { Clock } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { claimDueContacts, type ClaimResult } from '../infrastructure/attempt-claim';
import type { DialingCampaign, DialingCampaigns } from '../infrastructure/dialing-campaigns.repository';
import type { AudienceLoader } from './audience-loader';
import { DEFAULT_LOAD_BACKOFF, LoadBackoff, type LoadBackoffOptions } from './load-backoff';
import type { ProgressReporter } from './progress-reporter';
import { ALWAYS_AVAILABLE, type TelephonyAvailability } from './telephony.port';

export type DialingLoopOptions = {
  /** Real time between steps. A pause is seen by the next step, so it bounds the pause latency. */
  readonly stepMs: number;
  /** How often (in steps) a campaign's totals are checked for completion without an outcome to trigger it. */
  readonly progressEverySteps: number;
  /**
   * Audience loads at once in this process. A load holds up to two connections while its stream
   * flows (its lock and a batch), so this keeps loads from taking the pool the API answers from;
   * the campaigns beyond it wait for a later step, holding nothing.
   */
  readonly maxConcurrentLoads: number;
  readonly loadBackoff: LoadBackoffOptions;
};

export const DEFAULT_DIALING_LOOP_OPTIONS: DialingLoopOptions = { stepMs: 100, progressEverySteps: 20, maxConcurrentLoads: 2, loadBackoff: DEFAULT_LOAD_BACKOFF };

/**
 * The dialer's heartbeat: every step loads the audience of newly started campaigns and claims due
 * contacts of every running one. Any number of processes may run it: the claim locks each
 * campaign row (SKIP LOCKED) and the loader takes a per-campaign lock, so they share the work.
 */
export class DialingLoop {
  private timer: NodeJS.Timeout | undefined;
  private stepping: Promise<void> | undefined;
  private stopped = true;
  /** Steps completed or begun, for observers waiting for the loop to move on. */
  steps = 0;
  private readonly loading = new Map<string, Promise<unknown>>();
  private readonly backoff: LoadBackoff;

  constructor(
    private readonly pool: Pool,
    private readonly campaigns: DialingCampaigns,
    private readonly loader: AudienceLoader,
    private readonly progress: ProgressReporter,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'error' | 'warn'>,
    private readonly onDialed: () => void,
    private readonly options: DialingLoopOptions = DEFAULT_DIALING_LOOP_OPTIONS,
    private readonly telephony: TelephonyAvailability = ALWAYS_AVAILABLE,
  ) {
    this.backoff = new LoadBackoff(options.loadBackoff);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Ends after the step in flight and any audience load (each batch commits on its own). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.stepping;
    await Promise.allSettled([...this.loading.values()]);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.stepping = this.step()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'dialing step failed'))
        .finally(() => this.schedule());
    }, this.options.stepMs);
  }

  /** One pass over the active campaigns; returns what each claim did (for tests and benchmarks). */
  async step(): Promise<Map<string, ClaimResult>> {
    this.steps += 1;
    const results = new Map<string, ClaimResult>();
    // While call-control is unavailable nothing new is sent, not even before the watch's pause
    // reaches a campaign's row: a PlaceCall would only wait in the bus. Leases already taken run
    // out and are re-sent with the same attempt id once it is back; loads and reports go on.
    const dialing = this.telephony.available();
    for (const campaign of await this.campaigns.active()) {
      if (!campaign.loaded) {
        this.startLoading(campaign);
        continue;
      }
      const result = dialing ? await claimDueContacts(this.pool, campaign.campaignId, this.clock.now()) : null;
      if (result) results.set(campaign.campaignId, result);
      if (result && result.dialed + result.resent > 0) this.onDialed();
      // Another process may have applied the last outcomes: every campaign is looked at now and then.
      if (result?.finished || this.steps % this.options.progressEverySteps === 0) this.progress.touch(campaign.campaignId);
    }
    await this.progress.flush();
    return results;
  }

  /**
   * Loads run beside the steps, so one large audience does not hold up the other campaigns; at
   * most `maxConcurrentLoads` at once, and a campaign whose load failed waits out its backoff
   * (real time, like the steps) so the campaigns behind it get their turn.
   */
  private startLoading(campaign: DialingCampaign): void {
    const { campaignId } = campaign;
    if (this.loading.has(campaignId) || this.loading.size >= this.options.maxConcurrentLoads || !this.backoff.mayTry(campaignId, Date.now())) return;
    const load = this.loader
      .load(campaign)
      .then(() => this.backoff.succeeded(campaignId))
      .catch((error: unknown) => {
        const waitMs = this.backoff.failed(campaignId, Date.now());
        this.logger.warn({ err: error, campaignId }, `audience load failed; retried in ${waitMs} ms`);
      })
      .finally(() => this.loading.delete(campaignId));
    this.loading.set(campaignId, load);
  }
}
