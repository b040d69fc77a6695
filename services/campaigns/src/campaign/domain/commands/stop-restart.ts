import type { Campaign } from '../campaign';
import type { RestartCampaign, StopCampaign } from '../campaign.commands';
import { requireStatus } from '../campaign.errors';
import type { CampaignRestarted, CampaignStopped } from '../campaign.events';

export const stopCampaign = (command: StopCampaign, state: Campaign): CampaignStopped[] => {
  const campaign = requireStatus(state, command, ['Scheduled', 'Running', 'Paused', 'Stopped']);
  if (campaign.status === 'Stopped') return [];
  return [{ type: 'CampaignStopped', data: { campaignId: campaign.campaignId, stoppedAt: command.metadata.now } }];
};

/** Dial again those not answered: the dialer re-queues unreached contacts on this event. */
export const restartCampaign = (command: RestartCampaign, state: Campaign): CampaignRestarted[] => {
  const campaign = requireStatus(state, command, ['Stopped', 'Completed']);
  return [{ type: 'CampaignRestarted', data: { campaignId: campaign.campaignId, restartedAt: command.metadata.now } }];
};
