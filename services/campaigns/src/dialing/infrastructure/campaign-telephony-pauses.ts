import { handleCommand, type EventStore } from '@zvonar/eventsourcing';
import type { Clock } from '@zvonar/platform';
import type { Logger } from 'pino';
import { campaignDecider, campaignStreamId, type CampaignCommand } from '../../campaign/domain';
import type { TelephonyPauses } from '../application/telephony.port';
import type { DialingCampaigns } from './dialing-campaigns.repository';

/**
 * The telephony watch's sweeps, one command per campaign through the Campaign aggregate (so the
 * list, the API and the integration events show them). Candidates come from the dialer's campaign
 * rows; the aggregate decides: a campaign that changed meanwhile (a user pause, a stop) is left
 * alone, and a sweep repeated by another process is nothing (or a retried version conflict).
 */
export class CampaignTelephonyPauses implements TelephonyPauses {
  constructor(
    private readonly campaigns: DialingCampaigns,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  pauseRunning(): Promise<number> {
    return this.sweep(() => this.campaigns.runningIds(), (campaignId) => ({
      type: 'PauseCampaign',
      data: { campaignId, reason: 'TelephonyUnavailable' },
      metadata: { now: this.clock.now() },
    }));
  }

  resumePaused(): Promise<number> {
    return this.sweep(() => this.campaigns.pausedForTelephonyIds(), (campaignId) => ({
      type: 'ResumeAfterTelephonyOutage',
      data: { campaignId },
      metadata: { now: this.clock.now() },
    }));
  }

  /** Every candidate gets its command; one that fails does not keep the others waiting (the sweep fails after them). */
  private async sweep(candidates: () => Promise<string[]>, commandFor: (campaignId: string) => CampaignCommand): Promise<number> {
    let changed = 0;
    let failure: unknown;
    for (const campaignId of await candidates()) {
      try {
        const { newEvents } = await handleCommand(this.store, campaignStreamId(campaignId), campaignDecider, commandFor(campaignId), { retry: { onVersionConflict: 5 } });
        if (newEvents.length > 0) changed += 1;
      } catch (error) {
        this.logger.error({ err: error, campaignId }, 'telephony watch command failed');
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
    return changed;
  }
}
