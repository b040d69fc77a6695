import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, LOGGER, SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import type { Logger } from 'pino';
import type { CampaignsConfig } from '../../campaigns.config';
import { CAMPAIGN_LIST, type CampaignList } from './campaign-list.port';
import { CampaignLifecycle } from './campaign-lifecycle';

/** Campaigns started per poll at most; the next poll takes the rest. */
const BATCH = 100;

/**
 * Sends StartCampaign to every scheduled campaign whose start time has come. It polls the list
 * read model (an index on scheduled start times) with the Clock port; the decider decides on the
 * stream, so a campaign the read model shows late, twice, or already stopped is harmless: an early
 * or repeated start changes nothing, and one that is no longer scheduled is skipped.
 */
@Injectable()
export class CampaignStartScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    @Inject(CAMPAIGN_LIST) private readonly list: CampaignList,
    private readonly lifecycle: CampaignLifecycle,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<CampaignsConfig, 'CAMPAIGN_START_POLL_MS'>,
  ) {}

  /** One poll: the ids of the campaigns it started. */
  async startDue(): Promise<string[]> {
    const started: string[] = [];
    for (const campaignId of await this.list.dueToStart(this.clock.now(), BATCH)) {
      try {
        const view = await this.lifecycle.send('StartCampaign', campaignId);
        if (view.campaign.status === 'Running') started.push(campaignId);
      } catch (error) {
        // One campaign's failure (archived meanwhile, a conflict) must not hold the others back.
        this.logger.warn({ err: error, campaignId }, 'scheduled campaign could not be started');
      }
    }
    return started;
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.startDue()
        .then((started) => {
          if (started.length > 0) this.logger.info({ started }, 'scheduled campaigns started');
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'campaign start poll failed'))
        .finally(() => this.schedule());
    }, this.config.CAMPAIGN_START_POLL_MS);
    this.timer.unref();
  }
}
