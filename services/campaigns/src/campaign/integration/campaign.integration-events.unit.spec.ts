import type { Checkpoint, RecordedEvent } from '@zvonar/eventsourcing';
import { campaignEventsV1 } from './campaign-events.proto';
import { CAMPAIGN_TOPIC, campaignIntegrationEvents } from './campaign.integration-events';

const NOW = new Date('2026-03-02T06:00:00Z');
const stored = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  type,
  data: { campaignId: 'c-1', ...data },
  metadata: { correlationId: 'conv-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  id: 'event-1',
  streamId: 'campaign-c-1',
  streamRevision: 3,
  checkpoint: '1:1' as Checkpoint,
  recordedAt: NOW,
});

describe('campaign integration events', () => {
  it('maps a lifecycle fact to its proto on the campaign topic, keyed by the campaign, with the event id and trace headers', () => {
    const [message] = campaignIntegrationEvents(stored('CampaignPaused', { reason: 'SpendLimit', pausedAt: NOW }));
    expect(message).toMatchObject({
      topic: CAMPAIGN_TOPIC,
      type: 'zvonar.campaigns.v1.CampaignPaused',
      key: 'c-1',
      messageId: 'event-1',
      headers: { correlationId: 'conv-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
    expect(campaignEventsV1.CampaignPaused.decode(message!.payload)).toEqual({ campaignId: 'c-1', reason: 'PAUSE_REASON_SPEND_LIMIT', pausedAt: NOW });
  });

  it('keeps progress reports private', () => {
    expect(campaignIntegrationEvents(stored('CampaignProgressRecorded', { progress: { leads: 1, spentKopecks: 0, processedContacts: 1, totalContacts: 2 }, recordedAt: NOW }))).toEqual([]);
  });
});
