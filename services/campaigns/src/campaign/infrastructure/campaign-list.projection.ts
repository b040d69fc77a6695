import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '@zvonar/eventsourcing';
import { withTransaction } from '@zvonar/messaging-postgres';
import { LOGGER, PG_POOL } from '@zvonar/platform';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { CAMPAIGN_EVENTS } from '../application/campaign-events.port';
import { evolveView } from '../application/campaign-view';
import type { CampaignEvent } from '../domain';
import { lockCampaignRow, saveCampaignRow } from './postgres.campaign-list';

/** The durable subscriber id: its checkpoint lives in campaigns.subscription_checkpoints. */
export const CAMPAIGN_LIST_SUBSCRIBER = 'campaign-list';

/**
 * Applies a batch of campaign events to `campaign_list` in one transaction. Delivery is at least
 * once (the checkpoint moves after the batch commits), so an event at or below the row's revision
 * was applied before and is skipped: a replay changes nothing.
 */
export async function projectCampaignEvents(tx: PoolClient, events: readonly RecordedEvent[]): Promise<void> {
  for (const recorded of events) {
    const event = recorded as unknown as RecordedEvent<CampaignEvent>;
    const current = await lockCampaignRow(tx, event.data.campaignId);
    if (current && current.revision >= event.streamRevision) continue;
    const next = evolveView(current, event, event.streamRevision);
    if (next) await saveCampaignRow(tx, next);
  }
}

/** Keeps the campaigns list read model following the campaign streams. */
@Injectable()
export class CampaignListProjection implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(
    @Inject(CAMPAIGN_EVENTS) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = this.store.subscribe({
      subscriberId: CAMPAIGN_LIST_SUBSCRIBER,
      categories: ['campaign'],
      handler: (events) => withTransaction(this.pool, (tx) => projectCampaignEvents(tx, events)),
    });
    await this.subscription.start();
    this.logger.info({ subscriber: CAMPAIGN_LIST_SUBSCRIBER }, 'campaign list projection started');
  }

  /** Resolves once every campaign event committed before the call is in the read model. */
  async caughtUp(timeoutMs = 10_000): Promise<void> {
    await this.subscription?.waitForIdle({ timeoutMs });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
  }
}
