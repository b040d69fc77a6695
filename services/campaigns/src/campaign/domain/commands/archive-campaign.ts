import type { Campaign } from '../campaign';
import type { ArchiveCampaign, UnarchiveCampaign } from '../campaign.commands';
import { CampaignNotFoundError, notAllowed } from '../campaign.errors';
import type { CampaignArchived, CampaignUnarchived } from '../campaign.events';

/** Only a campaign that is not dialing (draft, stopped, completed) can be archived. */
export const archiveCampaign = (command: ArchiveCampaign, state: Campaign): CampaignArchived[] => {
  if (state.status === 'Initial') throw new CampaignNotFoundError(command.data.campaignId);
  if (state.archived) return [];
  if (!['Draft', 'Stopped', 'Completed'].includes(state.status)) throw notAllowed(command.type, state);
  return [{ type: 'CampaignArchived', data: { campaignId: state.campaignId, archivedAt: command.metadata.now } }];
};

export const unarchiveCampaign = (command: UnarchiveCampaign, state: Campaign): CampaignUnarchived[] => {
  if (state.status === 'Initial') throw new CampaignNotFoundError(command.data.campaignId);
  if (!state.archived) return [];
  return [{ type: 'CampaignUnarchived', data: { campaignId: state.campaignId, unarchivedAt: command.metadata.now } }];
};
