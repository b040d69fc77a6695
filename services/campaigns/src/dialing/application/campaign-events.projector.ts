import type { Clock } from '@zvonar/platform';
import { DomainError, type EventStore, type RecordedEvent, type Subscription } from '@zvonar/eventsourcing';
import type { Logger } from 'pino';
import { campaignStreamId, evolve, initialState, type Campaign, type CampaignEvent, type CampaignPaused } from '../../campaign/domain';
import { dialPlanOf, type DialPlan, type DialPlanTuning } from '../domain';
import type { DialingCampaigns } from '../infrastructure/dialing-campaigns.repository';

/** The durable subscriber id of the dialer on the campaign event store. */
export const DIALER_SUBSCRIBER_ID = 'campaigns-dialer';

/**
 * Follows the campaign streams and keeps the dialer's campaign rows in step: Started opens a
 * campaign (its audience is then loaded by the dialing loop), Paused/Resumed/Stopped/Restarted/
 * Completed change what the loop does, settings edited while paused reach the plan.
 */
export class CampaignEventsProjector {
  private subscription: Subscription | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly campaigns: DialingCampaigns,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly tuning?: DialPlanTuning,
  ) {}

  async start(): Promise<void> {
    this.subscription = this.store.subscribe({
      subscriberId: DIALER_SUBSCRIBER_ID,
      categories: ['campaign'],
      handler: async (events) => {
        for (const event of events) await this.apply(event);
      },
    });
    await this.subscription.start();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  waitForIdle(): Promise<void> {
    return this.subscription?.waitForIdle() ?? Promise.resolve();
  }

  /** The campaign as of `event` (settings only change while paused, so later edits are not mixed in). */
  private async planAt(event: RecordedEvent): Promise<DialPlan | null> {
    const campaignId = (event.data as { campaignId: string }).campaignId;
    const { events } = await this.store.readStream<CampaignEvent>(campaignStreamId(campaignId), { maxCount: event.streamRevision + 1 });
    const state = events.reduce<Campaign>(evolve, initialState());
    if (state.status === 'Initial') return null;
    try {
      return dialPlanOf(state.projectId, state.settings, this.tuning);
    } catch (error) {
      // The aggregate refuses to launch such settings; one unreadable campaign must not stop the
      // dialer following every other one (the subscription would retry this event forever).
      if (!(error instanceof DomainError)) throw error;
      this.logger.error({ err: error, campaignId, revision: event.streamRevision }, 'campaign settings the dialer cannot use; not dialled');
      return null;
    }
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const campaignId = (event.data as { campaignId?: string }).campaignId;
    if (!campaignId) return;
    const revision = event.streamRevision;
    switch (event.type as CampaignEvent['type']) {
      case 'CampaignStarted': {
        const plan = await this.planAt(event);
        if (plan) await this.campaigns.started(campaignId, revision, plan);
        return;
      }
      case 'CampaignResumed':
      case 'CampaignSettingsChanged': {
        const plan = await this.planAt(event);
        if (plan) await this.campaigns.changed(campaignId, revision, { ...(event.type === 'CampaignResumed' ? { status: 'running' as const } : {}), plan });
        return;
      }
      case 'CampaignPaused':
        // The reason too: the telephony watch resumes only the campaigns paused for it.
        return this.campaigns.changed(campaignId, revision, { status: 'paused', pauseReason: (event.data as CampaignPaused['data']).reason });
      case 'CampaignCompleted':
        return this.campaigns.changed(campaignId, revision, { status: 'completed' });
      case 'CampaignStopped':
        return this.campaigns.stopped(campaignId, revision);
      case 'CampaignRestarted': {
        const plan = await this.planAt(event);
        if (plan) await this.campaigns.restarted(campaignId, revision, this.clock.now(), plan);
        return;
      }
      default:
        return;
    }
  }
}
