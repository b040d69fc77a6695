import type { EventStore } from '@zvonar/eventsourcing';
import type { IntegrationConsumer, IntegrationEventSubscriber } from '@zvonar/messaging';
import type { Clock } from '@zvonar/platform';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { consumeBlacklist } from '../../blacklist/blacklist.consumer';
import { consumeProjectAccounts } from '../../blacklist/project-accounts.consumer';
import { AudienceLoader } from '../application/audience-loader';
import { CampaignEventsProjector } from '../application/campaign-events.projector';
import { DEFAULT_DIALING_LOOP_OPTIONS, DialingLoop, type DialingLoopOptions } from '../application/dialing-loop';
import { ProgressReporter } from '../application/progress-reporter';
import type { SegmentContactSource } from '../application/segment-contacts.port';
import type { TelephonyAvailability } from '../application/telephony.port';
import { DEFAULT_DIAL_PLAN_TUNING, DEFAULT_INTERRUPTION_RETRY_POLICY, type InterruptionRetryPolicy } from '../domain';
import { consumeCallOutcomes } from '../integration/call-outcomes.consumer';
import { AudienceLoads } from './audience-load.repository';
import { DialingCampaigns } from './dialing-campaigns.repository';

export type DialerRuntimeOptions = {
  /** On the campaigns schema, with dialingMigrations applied. */
  readonly pool: Pool;
  readonly eventStore: EventStore;
  readonly clock: Clock;
  readonly logger: Pick<Logger, 'error' | 'warn' | 'info'>;
  readonly segments: SegmentContactSource;
  /** Where call-control's and audiences' events are read (one bus in Kafka mode, their own schemas embedded). */
  readonly callEvents: IntegrationEventSubscriber;
  readonly blacklistEvents: IntegrationEventSubscriber;
  /** The projects service's events: which account each project belongs to (account-wide do-not-call). */
  readonly projectEvents: IntegrationEventSubscriber;
  readonly groupPrefix: string;
  /** After a claim wrote PlaceCalls: wake the outbox relay. */
  readonly announce: () => void;
  /** When and how often a call lost to our infrastructure is dialled again (the default: 60 s, twice). */
  readonly interruption?: InterruptionRetryPolicy;
  /** Whether calls may be placed (the telephony watch); always, when absent. */
  readonly telephony?: TelephonyAvailability;
  readonly loop?: Partial<DialingLoopOptions>;
  /** Contacts per audience-load transaction. */
  readonly loadBatch?: number;
  /** How long a segment stream may stay silent before its first contact before the load fails. */
  readonly segmentFirstAnswerMs?: number;
  /** Tests step the loop themselves. */
  readonly manual?: boolean;
};

export type RunningDialer = {
  readonly loop: DialingLoop;
  readonly projector: CampaignEventsProjector;
  readonly progress: ProgressReporter;
  stop(): Promise<void>;
};

/**
 * The dialer, wired: the campaign-event projector, the blacklist and call-outcome consumers and
 * the dialing loop. Framework-free, so the Nest module and the crash tests start the same thing.
 */
export async function startDialer(options: DialerRuntimeOptions): Promise<RunningDialer> {
  const loopOptions = { ...DEFAULT_DIALING_LOOP_OPTIONS, ...options.loop };
  const campaigns = new DialingCampaigns(options.pool);
  const projector = new CampaignEventsProjector(options.eventStore, campaigns, options.clock, options.logger, { ...DEFAULT_DIAL_PLAN_TUNING, stepMs: loopOptions.stepMs });
  const progress = new ProgressReporter(options.pool, options.eventStore, options.clock, options.logger);
  const loader = new AudienceLoader(options.pool, new AudienceLoads(options.pool), options.segments, options.clock, options.loadBatch, options.segmentFirstAnswerMs);
  const loop = new DialingLoop(options.pool, campaigns, loader, progress, options.clock, options.logger, options.announce, loopOptions, options.telephony);
  const consumers: IntegrationConsumer[] = [];
  await projector.start();
  consumers.push(await consumeBlacklist(options.blacklistEvents, options.pool, options.groupPrefix));
  consumers.push(await consumeProjectAccounts(options.projectEvents, options.pool, options.groupPrefix));
  consumers.push(
    await consumeCallOutcomes({
      subscriber: options.callEvents,
      pool: options.pool,
      groupPrefix: options.groupPrefix,
      clock: options.clock,
      interruption: options.interruption ?? DEFAULT_INTERRUPTION_RETRY_POLICY,
      afterApplied: async (campaignId) => progress.touch(campaignId),
    }),
  );
  if (!options.manual) loop.start();
  return {
    loop,
    projector,
    progress,
    async stop() {
      await loop.stop();
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await projector.stop();
    },
  };
}
