import type { Event } from '@zvonar/eventsourcing';
import type { CampaignSettings } from './campaign-settings';

/**
 * Why a campaign is paused. Only `User` is the user's; the others are the system's. A
 * `TelephonyUnavailable` pause is the only one that ends by itself (call-control is back); every
 * other pause waits for the user.
 */
export type PauseReason = 'User' | 'LeadLimit' | 'SpendLimit' | 'BalanceExhausted' | 'TelephonyUnavailable';

/** Who paused or resumed: the user (through the API) or the system (limits, billing, the telephony watch). */
export type Actor = 'User' | 'System';

export type CampaignProgress = {
  readonly leads: number;
  readonly spentKopecks: number;
  readonly processedContacts: number;
  readonly totalContacts: number;
};

export type CampaignCreated = Event<
  'CampaignCreated',
  { campaignId: string; projectId: string; settings: CampaignSettings; createdAt: Date; copiedFrom: string | null; templateId: string | null }
>;
export type CampaignSettingsChanged = Event<'CampaignSettingsChanged', { campaignId: string; settings: CampaignSettings; changedAt: Date }>;
export type CampaignScheduled = Event<'CampaignScheduled', { campaignId: string; startsAt: Date; scheduledAt: Date }>;
export type CampaignStarted = Event<'CampaignStarted', { campaignId: string; startedAt: Date }>;
/**
 * Also recorded while already paused when the reason changes (a user pause over a telephony one,
 * a limit reached while telephony is down). `by` is absent in events stored before it existed:
 * read those as `pausedBy(reason)`.
 */
export type CampaignPaused = Event<'CampaignPaused', { campaignId: string; reason: PauseReason; pausedAt: Date; by?: Actor }>;
/** `by` is absent in events stored before it existed: those were the user's. */
export type CampaignResumed = Event<'CampaignResumed', { campaignId: string; resumedAt: Date; by?: Actor }>;
export type CampaignStopped = Event<'CampaignStopped', { campaignId: string; stoppedAt: Date }>;
/** Dial again the contacts that were not answered; reached contacts stay finished. */
export type CampaignRestarted = Event<'CampaignRestarted', { campaignId: string; restartedAt: Date }>;
export type CampaignProgressRecorded = Event<'CampaignProgressRecorded', { campaignId: string; progress: CampaignProgress; recordedAt: Date }>;
export type CampaignCompleted = Event<'CampaignCompleted', { campaignId: string; completedAt: Date }>;
export type CampaignArchived = Event<'CampaignArchived', { campaignId: string; archivedAt: Date }>;
export type CampaignUnarchived = Event<'CampaignUnarchived', { campaignId: string; unarchivedAt: Date }>;

export type CampaignEvent =
  | CampaignCreated
  | CampaignSettingsChanged
  | CampaignScheduled
  | CampaignStarted
  | CampaignPaused
  | CampaignResumed
  | CampaignStopped
  | CampaignRestarted
  | CampaignProgressRecorded
  | CampaignCompleted
  | CampaignArchived
  | CampaignUnarchived;
