import { aCampaignCreated, aCampaignPaused, aCampaignScheduled, aCampaignStarted, CAMPAIGN_ID, NOW, STARTS_AT } from '../../../test/mothers/campaign.mother';
import type { CampaignEvent } from '../domain';
import { evolveView, type CampaignView } from './campaign-view';

const fold = (events: CampaignEvent[]): CampaignView | null => events.reduce<CampaignView | null>((view, event, revision) => evolveView(view, event, revision), null);

describe('the campaign view (what the API answers and the list read model stores)', () => {
  it('is nothing until the campaign is created, whatever came before', () => {
    expect(fold([aCampaignStarted()])).toBeNull();
  });

  it('follows the aggregate and remembers creation facts and the last revision', () => {
    const view = fold([aCampaignCreated(), aCampaignScheduled(), aCampaignStarted(), aCampaignPaused('LeadLimit')]);
    expect(view).toMatchObject({
      campaign: { campaignId: CAMPAIGN_ID, status: 'Paused', pauseReason: 'LeadLimit', startsAt: STARTS_AT },
      createdAt: NOW,
      copiedFrom: null,
      templateId: null,
      revision: 3,
    });
  });
});
