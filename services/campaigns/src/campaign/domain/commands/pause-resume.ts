import { IllegalStateError } from '@zvonar/eventsourcing';
import type { Campaign, ExistingCampaign } from '../campaign';
import type { PauseCampaign, ResumeCampaign } from '../campaign.commands';
import { requireStatus } from '../campaign.errors';
import type { CampaignPaused, CampaignResumed } from '../campaign.events';

export const pauseCampaign = (command: PauseCampaign, state: Campaign): CampaignPaused[] => {
  const campaign = requireStatus(state, command, ['Running', 'Paused']);
  if (campaign.status === 'Paused') return [];
  return [{ type: 'CampaignPaused', data: { campaignId: campaign.campaignId, reason: command.data.reason, pausedAt: command.metadata.now } }];
};

/** A limit that paused the campaign must be raised (an edit while paused) before it can resume. */
const limitStillReached = ({ settings, progress, pauseReason }: ExistingCampaign): string | null => {
  if (pauseReason === 'LeadLimit' && settings.leadLimit > 0 && progress.leads >= settings.leadLimit) return 'the lead limit is still reached';
  if (pauseReason === 'SpendLimit' && settings.spendLimitKopecks > 0 && progress.spentKopecks >= settings.spendLimitKopecks) {
    return 'the spend limit is still reached';
  }
  return null;
};

export const resumeCampaign = (command: ResumeCampaign, state: Campaign): CampaignResumed[] => {
  const campaign = requireStatus(state, command, ['Running', 'Paused']);
  if (campaign.status === 'Running') return [];
  const blocked = limitStillReached(campaign);
  if (blocked) throw new IllegalStateError(`ResumeCampaign is not allowed: ${blocked}`, 'Paused');
  return [{ type: 'CampaignResumed', data: { campaignId: campaign.campaignId, resumedAt: command.metadata.now } }];
};
