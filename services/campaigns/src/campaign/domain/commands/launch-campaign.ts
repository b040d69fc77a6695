import type { FieldViolation } from '@zvonar/eventsourcing';
import { resolveSchedule, scheduleViolations } from '../../../calling-window/domain';
import type { Campaign } from '../campaign';
import type { CampaignSettings } from '../campaign-settings';
import type { LaunchCampaign, StartCampaign } from '../campaign.commands';
import { launchRejected, requireStatus } from '../campaign.errors';
import type { CampaignScheduled, CampaignStarted } from '../campaign.events';

/** Every reason the campaign cannot launch, so the answer (422) lists them all at once. */
export const launchViolations = (settings: CampaignSettings, scenarioVersionPublished: boolean): FieldViolation[] => {
  const out: FieldViolation[] = [];
  if (settings.audienceIds.length === 0) out.push({ field: 'audienceIds', code: 'REQUIRED', message: 'choose at least one audience' });
  if (!settings.scenario) out.push({ field: 'scenario', code: 'REQUIRED', message: 'choose a scenario version' });
  else if (!scenarioVersionPublished) {
    // The pinned reference as a whole (id and version) names no published version.
    out.push({ field: 'scenario', code: 'NOT_PUBLISHED', message: `scenario version ${settings.scenario.version} is not published` });
  }
  if (settings.telephony.callerNumbers.length === 0) out.push({ field: 'telephony.callerNumbers', code: 'REQUIRED', message: 'choose at least one number' });
  // An empty daily window or no weekday at all: a window that never opens (or an unusable start).
  out.push(...scheduleViolations(settings.schedule));
  return out;
};

/** Draft -> Scheduled, and straight on to Running when the start time has already come. */
export const launchCampaign = (command: LaunchCampaign, state: Campaign): (CampaignScheduled | CampaignStarted)[] => {
  const campaign = requireStatus(state, command, ['Draft']);
  const violations = launchViolations(campaign.settings, command.data.scenarioVersionPublished);
  if (violations.length > 0) throw launchRejected(violations);
  const { now } = command.metadata;
  const startsAt = new Date(resolveSchedule(campaign.settings.schedule).startsAtMs);
  const scheduled: CampaignScheduled = { type: 'CampaignScheduled', data: { campaignId: campaign.campaignId, startsAt, scheduledAt: now } };
  if (startsAt.getTime() > now.getTime()) return [scheduled];
  return [scheduled, { type: 'CampaignStarted', data: { campaignId: campaign.campaignId, startedAt: now } }];
};

/** The scheduler's tick: starts once the start time has come; early or repeated ticks change nothing. */
export const startCampaign = (command: StartCampaign, state: Campaign): CampaignStarted[] => {
  const campaign = requireStatus(state, command, ['Scheduled', 'Running', 'Paused', 'Stopped', 'Completed']);
  if (campaign.status !== 'Scheduled' || (campaign.startsAt && campaign.startsAt.getTime() > command.metadata.now.getTime())) return [];
  return [{ type: 'CampaignStarted', data: { campaignId: campaign.campaignId, startedAt: command.metadata.now } }];
};
