import type { CommandMetadata } from '@zvonar/eventsourcing';
import {
  DEFAULT_SETTINGS,
  type CampaignCommand,
  type CampaignEvent,
  type CampaignProgress,
  type CampaignSettings,
  type PauseReason,
} from '../../src/campaign/domain';

export const CAMPAIGN_ID = '7f0c0de0-0000-4000-8000-000000000001';
export const PROJECT_ID = 'project-1';
/** Monday 2 March 2026, 09:00 Moscow: after the default start (2026-03-01 09:00 Moscow). */
export const NOW = new Date('2026-03-02T06:00:00Z');
export const STARTS_AT = new Date('2026-03-01T06:00:00Z');

/** Settings that pass every launch pre-condition. */
export const launchableSettings = (overrides: Partial<CampaignSettings> = {}): CampaignSettings => ({
  ...DEFAULT_SETTINGS,
  name: 'Spring offer',
  scenario: { scenarioId: 'scenario-1', version: 3 },
  audienceIds: ['audience-1'],
  telephony: { ...DEFAULT_SETTINGS.telephony, callerNumbers: ['+74950000000'] },
  schedule: { ...DEFAULT_SETTINGS.schedule, startDate: '2026-03-01' },
  ...overrides,
});

const at = (now: Date = NOW): CommandMetadata => ({ now });

export const aCampaignCreated = (settings: CampaignSettings = launchableSettings()): CampaignEvent => ({
  type: 'CampaignCreated',
  data: { campaignId: CAMPAIGN_ID, projectId: PROJECT_ID, settings, createdAt: NOW, copiedFrom: null, templateId: null },
});
export const aCampaignScheduled = (startsAt: Date = STARTS_AT): CampaignEvent => ({ type: 'CampaignScheduled', data: { campaignId: CAMPAIGN_ID, startsAt, scheduledAt: NOW } });
export const aCampaignStarted = (): CampaignEvent => ({ type: 'CampaignStarted', data: { campaignId: CAMPAIGN_ID, startedAt: NOW } });
export const aCampaignPaused = (reason: PauseReason = 'User'): CampaignEvent => ({ type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason, pausedAt: NOW } });
export const aCampaignStopped = (): CampaignEvent => ({ type: 'CampaignStopped', data: { campaignId: CAMPAIGN_ID, stoppedAt: NOW } });
export const aCampaignCompleted = (): CampaignEvent => ({ type: 'CampaignCompleted', data: { campaignId: CAMPAIGN_ID, completedAt: NOW } });
export const aCampaignArchived = (): CampaignEvent => ({ type: 'CampaignArchived', data: { campaignId: CAMPAIGN_ID, archivedAt: NOW } });
export const aProgressRecorded = (progress: Partial<CampaignProgress>): CampaignEvent => ({
  type: 'CampaignProgressRecorded',
  data: { campaignId: CAMPAIGN_ID, progress: { ...progressOf({}), ...progress }, recordedAt: NOW },
});

/** Event histories for each state. */
export const history = {
  draft: () => [aCampaignCreated()],
  scheduled: () => [aCampaignCreated(), aCampaignScheduled(new Date('2026-04-01T06:00:00Z'))],
  running: () => [aCampaignCreated(), aCampaignScheduled(), aCampaignStarted()],
  paused: (reason: PauseReason = 'User') => [...history.running(), aCampaignPaused(reason)],
  stopped: () => [...history.running(), aCampaignStopped()],
  completed: () => [...history.running(), aCampaignCompleted()],
  archived: () => [aCampaignCreated(), aCampaignArchived()],
};

export const progressOf = (progress: Partial<CampaignProgress>): CampaignProgress => ({
  leads: 0,
  spentKopecks: 0,
  processedContacts: 0,
  totalContacts: 100,
  ...progress,
});

type Data<T extends CampaignCommand['type']> = Extract<CampaignCommand, { type: T }>['data'];
const command = <T extends CampaignCommand['type']>(type: T, data: Data<T>, now?: Date) => ({ type, data, metadata: at(now) }) as Extract<CampaignCommand, { type: T }>;

export const createCampaign = (settings: Partial<CampaignSettings> = {}) =>
  command('CreateCampaign', { campaignId: CAMPAIGN_ID, projectId: PROJECT_ID, settings: { ...launchableSettings(), ...settings } });
export const changeSettings = (settings: Partial<CampaignSettings>) =>
  command('ChangeCampaignSettings', { campaignId: CAMPAIGN_ID, settings: launchableSettings(settings) });
export const launchCampaign = (scenarioVersionPublished = true, now?: Date) => command('LaunchCampaign', { campaignId: CAMPAIGN_ID, scenarioVersionPublished }, now);
export const startCampaign = (now?: Date) => command('StartCampaign', { campaignId: CAMPAIGN_ID }, now);
export const pauseCampaign = (reason: PauseReason = 'User') => command('PauseCampaign', { campaignId: CAMPAIGN_ID, reason });
export const resumeCampaign = (telephonyAvailable?: boolean) =>
  command('ResumeCampaign', { campaignId: CAMPAIGN_ID, ...(telephonyAvailable === undefined ? {} : { telephonyAvailable }) });
export const resumeAfterTelephonyOutage = () => command('ResumeAfterTelephonyOutage', { campaignId: CAMPAIGN_ID });
export const stopCampaign = () => command('StopCampaign', { campaignId: CAMPAIGN_ID });
export const restartCampaign = () => command('RestartCampaign', { campaignId: CAMPAIGN_ID });
export const recordProgress = (progress: Partial<CampaignProgress>) => command('RecordCampaignProgress', { campaignId: CAMPAIGN_ID, progress: progressOf(progress) });
export const archiveCampaign = () => command('ArchiveCampaign', { campaignId: CAMPAIGN_ID });
export const unarchiveCampaign = () => command('UnarchiveCampaign', { campaignId: CAMPAIGN_ID });
