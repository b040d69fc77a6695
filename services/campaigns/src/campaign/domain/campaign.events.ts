import type { Event } from '@zvonar/eventsourcing';
import type { CampaignSettings } from './campaign-settings';

export type PauseReason = 'User' | 'LeadLimit' | 'SpendLimit' | 'BalanceExhausted';

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
export type CampaignPaused = Event<'CampaignPaused', { campaignId: string; reason: PauseReason; pausedAt: Date }>;
export type CampaignResumed = Event<'CampaignResumed', { campaignId: string; resumedAt: Date }>;
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
