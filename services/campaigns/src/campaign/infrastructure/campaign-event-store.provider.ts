import { Inject, Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { PostgresEventStore } from '@zvonar/event-store-postgres';
import type { EventStore } from '@zvonar/eventsourcing';
import { PG_POOL } from '@zvonar/platform';
import type { Pool } from 'pg';
import { CAMPAIGN_EVENT_STORE } from '../../campaigns.di-tokens';

/**
 * The campaign streams (`campaign-<id>`) in the `campaigns` schema, on the service's pool. Shared
 * with the dialer through CAMPAIGN_EVENT_STORE. Events come back with their data as stored JSON;
 * wrap the store in `withCampaignEventTypes` to get Dates where the domain types say Date.
 */
export const campaignEventStoreProvider: Provider = {
  provide: CAMPAIGN_EVENT_STORE,
  inject: [PG_POOL],
  useFactory: (pool: Pool): Promise<PostgresEventStore> => PostgresEventStore.connect({ pool, schema: 'campaigns' }),
};

/** Stops the store's subscriptions and its LISTEN connection before the pool closes. */
@Injectable()
export class CampaignEventStoreCloser implements OnModuleDestroy {
  constructor(@Inject(CAMPAIGN_EVENT_STORE) private readonly store: EventStore) {}

  async onModuleDestroy(): Promise<void> {
    await this.store.close();
  }
}
