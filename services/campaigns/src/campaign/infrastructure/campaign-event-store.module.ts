import { Global, Module } from '@nestjs/common';
import type { EventStore } from '@zvonar/eventsourcing';
import { CAMPAIGN_EVENT_STORE } from '../../campaigns.di-tokens';
import { CAMPAIGN_EVENTS } from '../application/campaign-events.port';
import { campaignEventStoreProvider, CampaignEventStoreCloser } from './campaign-event-store.provider';
import { withCampaignEventTypes } from './campaign-events.revival';

/**
 * The campaign event store for every module of the service: global, so the dialer's module
 * injects CAMPAIGN_EVENT_STORE (or CAMPAIGN_EVENTS) without importing the lifecycle's wiring.
 * Needs PG_POOL (PostgresModule.forService on the campaigns schema).
 */
@Global()
@Module({
  providers: [
    campaignEventStoreProvider,
    CampaignEventStoreCloser,
    { provide: CAMPAIGN_EVENTS, inject: [CAMPAIGN_EVENT_STORE], useFactory: (store: EventStore) => withCampaignEventTypes(store) },
  ],
  exports: [CAMPAIGN_EVENT_STORE, CAMPAIGN_EVENTS],
})
export class CampaignEventStoreModule {}
