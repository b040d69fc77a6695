import { IllegalStateError } from '@zvonar/eventsourcing';
import type { Campaign } from '../campaign';
import { settingsViolations, withDefaults } from '../campaign-settings';
import type { ChangeCampaignSettings, CreateCampaign } from '../campaign.commands';
import { invalidSettings, requireStatus } from '../campaign.errors';
import type { CampaignCreated, CampaignPaused, CampaignSettingsChanged } from '../campaign.events';
import { sameValue } from '../same-value';
import { paused, pausedForTelephony } from './pause-resume';

export const createCampaign = ({ data, metadata }: CreateCampaign, state: Campaign): CampaignCreated[] => {
  const settings = withDefaults(data.settings);
  if (state.status !== 'Initial') {
    // A retried create with the same input is a duplicate, anything else a conflict.
    if (state.projectId === data.projectId && sameValue(state.settings, settings)) return [];
    throw new IllegalStateError(`Campaign ${data.campaignId} already exists`, state.status);
  }
  const violations = settingsViolations(settings);
  if (violations.length > 0) throw invalidSettings(violations);
  return [
    {
      type: 'CampaignCreated',
      data: {
        campaignId: data.campaignId,
        projectId: data.projectId,
        settings,
        createdAt: metadata.now,
        copiedFrom: data.copiedFrom ?? null,
        templateId: data.templateId ?? null,
      },
    },
  ];
};

/**
 * Edits are allowed in a draft and, once launched, only while paused. Editing a campaign paused
 * for the telephony makes the pause the user's: an edit may take several requests, and the
 * campaign must not resume by itself halfway through them when call-control comes back.
 */
export const changeSettings = (command: ChangeCampaignSettings, state: Campaign): (CampaignSettingsChanged | CampaignPaused)[] => {
  const campaign = requireStatus(state, command, ['Draft', 'Paused']);
  const violations = settingsViolations(command.data.settings);
  if (violations.length > 0) throw invalidSettings(violations);
  const changed: CampaignSettingsChanged = { type: 'CampaignSettingsChanged', data: { campaignId: command.data.campaignId, settings: command.data.settings, changedAt: command.metadata.now } };
  return pausedForTelephony(campaign) ? [changed, paused(campaign, 'User', command.metadata.now)] : [changed];
};
