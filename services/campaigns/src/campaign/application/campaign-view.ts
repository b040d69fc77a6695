import { evolve, initialState, type CampaignEvent, type ExistingCampaign } from '../domain';

/**
 * A campaign as the API shows it: the aggregate's state plus the facts only its history holds
 * (when it was created, where it came from, how many events it has). The read model stores
 * exactly this, and a command's answer folds the same from the stream, so both agree.
 */
export type CampaignView = {
  readonly campaign: ExistingCampaign;
  readonly createdAt: Date;
  readonly copiedFrom: string | null;
  readonly templateId: string | null;
  /** The stream revision of the last event applied (0 after CampaignCreated). */
  readonly revision: number;
};

/** Applies one event of the campaign's stream; null until CampaignCreated. */
export const evolveView = (view: CampaignView | null, event: CampaignEvent, revision: number): CampaignView | null => {
  if (event.type === 'CampaignCreated') {
    const campaign = evolve(initialState(), event);
    if (campaign.status === 'Initial') return view;
    return { campaign, createdAt: event.data.createdAt, copiedFrom: event.data.copiedFrom, templateId: event.data.templateId, revision };
  }
  if (!view) return null;
  const campaign = evolve(view.campaign, event);
  return campaign.status === 'Initial' ? view : { ...view, campaign, revision };
};
