import { IllegalStateError } from '@zvonar/eventsourcing';
import type { Campaign, ExistingCampaign } from '../campaign';
import type { PauseCampaign, ResumeAfterTelephonyOutage, ResumeCampaign } from '../campaign.commands';
import { CampaignNotFoundError, requireStatus } from '../campaign.errors';
import type { Actor, CampaignPaused, CampaignResumed, PauseReason } from '../campaign.events';

/** Only the user pauses for `User`; every other reason is the system's. */
export const pausedBy = (reason: PauseReason): Actor => (reason === 'User' ? 'User' : 'System');

export const paused = (campaign: ExistingCampaign, reason: PauseReason, now: Date): CampaignPaused => ({
  type: 'CampaignPaused',
  data: { campaignId: campaign.campaignId, reason, pausedAt: now, by: pausedBy(reason) },
});

/** Paused only because call-control is down: the one pause that ends by itself. */
export const pausedForTelephony = (campaign: Campaign): boolean => campaign.status === 'Paused' && campaign.pauseReason === 'TelephonyUnavailable';

/**
 * Running → Paused. A campaign already paused stays as it is, except that any other reason takes
 * over a telephony pause: a user (or limit, or balance) pause must not end by itself when
 * call-control comes back. The telephony watch's own pause never throws on a campaign that is not
 * running (stopped, completed, paused for another reason meanwhile): there is nothing to pause.
 */
export const pauseCampaign = (command: PauseCampaign, state: Campaign): CampaignPaused[] => {
  const { reason } = command.data;
  if (reason === 'TelephonyUnavailable') {
    if (state.status === 'Initial') throw new CampaignNotFoundError(command.data.campaignId);
    return state.status === 'Running' ? [paused(state, reason, command.metadata.now)] : [];
  }
  const campaign = requireStatus(state, command, ['Running', 'Paused']);
  if (campaign.status === 'Paused' && !pausedForTelephony(campaign)) return [];
  return [paused(campaign, reason, command.metadata.now)];
};

/** A limit that paused the campaign must be raised (an edit while paused) before it can resume. */
const limitStillReached = ({ settings, progress, pauseReason }: ExistingCampaign): string | null => {
  if (pauseReason === 'LeadLimit' && settings.leadLimit > 0 && progress.leads >= settings.leadLimit) return 'the lead limit is still reached';
  if (pauseReason === 'SpendLimit' && settings.spendLimitKopecks > 0 && progress.spentKopecks >= settings.spendLimitKopecks) {
    return 'the spend limit is still reached';
  }
  return null;
};

/** The limit the campaign's totals have reached, whatever paused it (0 = no limit). */
export const limitReached = ({ settings, progress }: ExistingCampaign): 'LeadLimit' | 'SpendLimit' | null => {
  if (settings.leadLimit > 0 && progress.leads >= settings.leadLimit) return 'LeadLimit';
  if (settings.spendLimitKopecks > 0 && progress.spentKopecks >= settings.spendLimitKopecks) return 'SpendLimit';
  return null;
};

const resumed = (campaign: ExistingCampaign, by: Actor, now: Date): CampaignResumed => ({
  type: 'CampaignResumed',
  data: { campaignId: campaign.campaignId, resumedAt: now, by },
});

/**
 * The user's resume. While call-control is down it would dial into the void: the campaign stays
 * paused, now for `TelephonyUnavailable`, so it resumes by itself when call-control is back (the
 * user's wish to run is kept, nothing is dialled meanwhile).
 */
export const resumeCampaign = (command: ResumeCampaign, state: Campaign): (CampaignResumed | CampaignPaused)[] => {
  const campaign = requireStatus(state, command, ['Running', 'Paused']);
  if (campaign.status === 'Running') return [];
  const blocked = limitStillReached(campaign);
  if (blocked) throw new IllegalStateError(`ResumeCampaign is not allowed: ${blocked}`, 'Paused');
  if (command.data.telephonyAvailable === false) {
    return pausedForTelephony(campaign) ? [] : [paused(campaign, 'TelephonyUnavailable', command.metadata.now)];
  }
  return [resumed(campaign, 'User', command.metadata.now)];
};

/**
 * Call-control is back. Only a campaign still paused for the telephony resumes. A lead or spend
 * limit its calls reached meanwhile wins: the pause becomes that limit's instead, and waits for
 * the user like any limit pause. Anything else (running, paused by the user, stopped, completed)
 * is left as it is: the watch may say this many times, from many processes.
 */
export const resumeAfterTelephonyOutage = (command: ResumeAfterTelephonyOutage, state: Campaign): (CampaignResumed | CampaignPaused)[] => {
  if (state.status === 'Initial') throw new CampaignNotFoundError(command.data.campaignId);
  if (!pausedForTelephony(state)) return [];
  const limit = limitReached(state);
  if (limit) return [paused(state, limit, command.metadata.now)];
  return [resumed(state, 'System', command.metadata.now)];
};
