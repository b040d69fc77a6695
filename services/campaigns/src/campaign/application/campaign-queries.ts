import { Inject, Injectable } from '@nestjs/common';
import { CampaignNotFoundError } from '../domain';
import { CAMPAIGN_LIST, type CampaignList, type CampaignListQuery, type Page } from './campaign-list.port';
import type { CampaignView } from './campaign-view';
import { requireProjectId } from './require-project-id';

/**
 * Get and list answer from the read model, never by replaying streams. It follows the streams by
 * a subscription, so a campaign created a moment ago may not be listed yet; the command answers
 * carry the campaign as it stands.
 */
@Injectable()
export class CampaignQueries {
  constructor(@Inject(CAMPAIGN_LIST) private readonly list: CampaignList) {}

  async get(campaignId: string): Promise<CampaignView> {
    const view = await this.list.get(campaignId);
    if (!view) throw new CampaignNotFoundError(campaignId);
    return view;
  }

  page(query: CampaignListQuery): Promise<Page<CampaignView>> {
    requireProjectId(query.projectId);
    return this.list.list(query);
  }
}
