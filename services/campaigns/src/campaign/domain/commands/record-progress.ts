import type { Campaign } from '../campaign';
import type { CompleteCampaign, RecordCampaignProgress } from '../campaign.commands';
import { requireStatus } from '../campaign.errors';
import type { CampaignCompleted, CampaignPaused, CampaignProgressRecorded } from '../campaign.events';
import { sameValue } from '../same-value';
import { limitReached, paused, pausedForTelephony } from './pause-resume';

type ProgressEvent = CampaignProgressRecorded | CampaignPaused | CampaignCompleted;

/**
 * Records running totals and applies the limits: a running campaign (or one paused only for the
 * telephony) pauses at its lead or spend limit, and a running one completes once every contact is
 * processed. A repeated report changes nothing.
 */
export const recordProgress = (command: RecordCampaignProgress, state: Campaign): ProgressEvent[] => {
  const campaign = requireStatus(state, command, ['Running', 'Paused', 'Stopped', 'Completed']);
  const { progress } = command.data;
  const { now } = command.metadata;
  if (sameValue(progress, campaign.progress)) return [];
  const events: ProgressEvent[] = [{ type: 'CampaignProgressRecorded', data: { campaignId: campaign.campaignId, progress, recordedAt: now } }];
  // A campaign paused only because call-control is down would run again by itself: a limit its
  // last calls reached must stop that, so it is checked as if the campaign were running.
  if (campaign.status !== 'Running' && !pausedForTelephony(campaign)) return events;
  const limit = limitReached({ ...campaign, progress });
  if (limit) {
    events.push(paused(campaign, limit, now));
  } else if (campaign.status === 'Running' && progress.totalContacts > 0 && progress.processedContacts >= progress.totalContacts) {
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
