import type { Command } from '@zvonar/eventsourcing';
import type { CampaignSettingsInput, CampaignSettings } from './campaign-settings';
import type { CampaignProgress, PauseReason } from './campaign.events';

export type CreateCampaign = Command<
  'CreateCampaign',
  { campaignId: string; projectId: string; settings: CampaignSettingsInput; copiedFrom?: string; templateId?: string }
>;
export type ChangeCampaignSettings = Command<'ChangeCampaignSettings', { campaignId: string; settings: CampaignSettings }>;
/**
 * Facts the decider cannot look up itself come with the command: the application handler asks the
 * scenarios service whether the pinned version is published.
 */
export type LaunchCampaign = Command<'LaunchCampaign', { campaignId: string; scenarioVersionPublished: boolean }>;
/** Sent by the scheduler when the start time arrives. */
export type StartCampaign = Command<'StartCampaign', { campaignId: string }>;
/** `User` from the API; the other reasons come from the system (limits, billing, the telephony watch). */
export type PauseCampaign = Command<'PauseCampaign', { campaignId: string; reason: PauseReason }>;
/**
 * The user's resume. `telephonyAvailable` is the API process's telephony watch (absent = available):
 * while call-control is down a resume would dial into the void, so the campaign stays paused but
 * for `TelephonyUnavailable`, and resumes by itself once call-control is back.
 */
export type ResumeCampaign = Command<'ResumeCampaign', { campaignId: string; telephonyAvailable?: boolean }>;
/**
 * The telephony watch saw call-control ready again: a campaign still paused for
 * `TelephonyUnavailable` resumes; any other state (a user pause, a limit, a stop) is left alone.
 */
export type ResumeAfterTelephonyOutage = Command<'ResumeAfterTelephonyOutage', { campaignId: string }>;
export type StopCampaign = Command<'StopCampaign', { campaignId: string }>;
export type RestartCampaign = Command<'RestartCampaign', { campaignId: string }>;
/** From the dialer's and billing's reactions: running totals, checked against the limits. */
export type RecordCampaignProgress = Command<'RecordCampaignProgress', { campaignId: string; progress: CampaignProgress }>;
/**
 * For the dialer: every contact of the campaign is processed (finished or out of attempts), so
 * the campaign is Completed. Send it once the attempt table has nothing left to dial; a running
 * or paused campaign completes, a repeat changes nothing. RecordCampaignProgress also completes
 * a running campaign whose reported totals reach 100%, but only this command completes a paused
 * one (calls that were in flight when the user paused can finish the last contacts).
 */
export type CompleteCampaign = Command<'CompleteCampaign', { campaignId: string }>;
export type ArchiveCampaign = Command<'ArchiveCampaign', { campaignId: string }>;
export type UnarchiveCampaign = Command<'UnarchiveCampaign', { campaignId: string }>;

export type CampaignCommand =
  | CreateCampaign
  | ChangeCampaignSettings
  | LaunchCampaign
  | StartCampaign
  | PauseCampaign
  | ResumeCampaign
  | ResumeAfterTelephonyOutage
  | StopCampaign
  | RestartCampaign
  | RecordCampaignProgress
  | CompleteCampaign
  | ArchiveCampaign
  | UnarchiveCampaign;
