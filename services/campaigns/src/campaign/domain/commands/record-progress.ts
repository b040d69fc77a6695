import type { Campaign } from '../campaign';
import type { CompleteCampaign, RecordCampaignProgress } from '../campaign.commands';
import { requireStatus } from '../campaign.errors';
import type { CampaignCompleted, CampaignPaused, CampaignProgressRecorded } from '../campaign.events';
import { sameValue } from '../same-value';

type ProgressEvent = CampaignProgressRecorded | CampaignPaused | CampaignCompleted;

/**
 * Records running totals and applies the limits: a running campaign pauses at its lead or spend
 * limit and completes once every contact is processed. A repeated report changes nothing.
 */
export const recordProgress = (command: RecordCampaignProgress, state: Campaign): ProgressEvent[] => {
  const campaign = requireStatus(state, command, ['Running', 'Paused', 'Stopped', 'Completed']);
  const { progress } = command.data;
  const { now } = command.metadata;
  if (sameValue(progress, campaign.progress)) return [];
  const events: ProgressEvent[] = [{ type: 'CampaignProgressRecorded', data: { campaignId: campaign.campaignId, progress, recordedAt: now } }];
  if (campaign.status !== 'Running') return events;
  const { leadLimit, spendLimitKopecks } = campaign.settings;
  if (leadLimit > 0 && progress.leads >= leadLimit) {
    events.push({ type: 'CampaignPaused', data: { campaignId: campaign.campaignId, reason: 'LeadLimit', pausedAt: now } });
  } else if (spendLimitKopecks > 0 && progress.spentKopecks >= spendLimitKopecks) {
    events.push({ type: 'CampaignPaused', data: { campaignId: campaign.campaignId, reason: 'SpendLimit', pausedAt: now } });
  } else if (progress.totalContacts > 0 && progress.processedContacts >= progress.totalContacts) {
    events.push({ type: 'CampaignCompleted', data: { campaignId: campaign.campaignId, completedAt: now } });
  }
  return events;
};

/** Every contact is processed: a running or paused campaign completes; a repeat changes nothing. */
export const completeCampaign = (command: CompleteCampaign, state: Campaign): CampaignCompleted[] => {
  const campaign = requireStatus(state, command, ['Running', 'Paused', 'Completed']);
  if (campaign.status === 'Completed') return [];
  return [{ type: 'CampaignCompleted', data: { campaignId: campaign.campaignId, completedAt: command.metadata.now } }];
};
