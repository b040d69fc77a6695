import { InMemoryEventStore } from '@zvonar/eventsourcing';
import { aCampaignCreated, aCampaignScheduled, NOW, STARTS_AT } from '../../../test/mothers/campaign.mother';
import { withCampaignEventTypes } from './campaign-events.revival';

describe('reading campaign events with their Dates', () => {
  it('revives the instants a JSON store hands back as strings, and leaves everything else alone', async () => {
    const raw = new InMemoryEventStore();
    // What PostgreSQL's jsonb gives back: the events after a JSON round trip.
    const asStored = JSON.parse(JSON.stringify([aCampaignCreated(), aCampaignScheduled()])) as { type: string; data: Record<string, unknown> }[];
    await raw.appendToStream('campaign-1', asStored);
    const [created, scheduled] = (await withCampaignEventTypes(raw).readStream('campaign-1')).events;
    expect(created!.data['createdAt']).toEqual(NOW);
    expect(created!.data['settings']).toEqual(asStored[0]!.data.settings);
    expect(scheduled!.data).toEqual({ campaignId: asStored[1]!.data.campaignId, startsAt: STARTS_AT, scheduledAt: NOW });
  });
});
