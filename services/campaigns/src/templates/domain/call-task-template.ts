import { ValidationError } from '@zvonar/eventsourcing';
import type { Campaign, CampaignSettings, CreateCampaign } from '../../campaign/domain';
import { CampaignNotFoundError, settingsViolations, withDefaults } from '../../campaign/domain';
import type { RedialRules } from '../../dialing/domain';

/**
 * A campaign's settings saved for reuse. The name and the audiences belong to each campaign, so a
 * template keeps everything else (scenario, telephony, limits, waits, redial rules, pace,
 * detection, schedule).
 */
export type TemplateSettings = Omit<CampaignSettings, 'name' | 'audienceIds'>;

export type CallTaskTemplate = {
  readonly templateId: string;
  readonly projectId: string;
  readonly name: string;
  readonly settings: TemplateSettings;
  readonly sourceCampaignId: string;
  readonly savedAt: Date;
};

/** A reusable set of redial rules (the wizard offers them by name). */
export type RedialRuleTemplate = {
  readonly templateId: string;
  readonly projectId: string;
  readonly name: string;
  readonly rules: RedialRules;
  readonly savedAt: Date;
};

const requireName = (name: string, field: string) => {
  if (name.trim().length === 0) throw new ValidationError('A name is required', [{ field, code: 'REQUIRED', message: `${field} is required` }]);
};

export const saveAsTemplate = (campaign: Campaign, input: { templateId: string; name: string; now: Date }): CallTaskTemplate => {
  if (campaign.status === 'Initial') throw new CampaignNotFoundError('(template source)');
  requireName(input.name, 'name');
  const { name: _name, audienceIds: _audiences, ...settings } = campaign.settings;
  return { templateId: input.templateId, projectId: campaign.projectId, name: input.name, settings, sourceCampaignId: campaign.campaignId, savedAt: input.now };
};

/** The command that creates a campaign from a template; the Campaign decider validates it as any create. */
export const createFromTemplate = (
  template: CallTaskTemplate,
  input: { campaignId: string; name: string; audienceIds: readonly string[]; now: Date },
): CreateCampaign => ({
  type: 'CreateCampaign',
  data: {
    campaignId: input.campaignId,
    projectId: template.projectId,
    settings: { ...template.settings, name: input.name, audienceIds: input.audienceIds },
    templateId: template.templateId,
  },
  metadata: { now: input.now },
});

/** The same ranges as a campaign's rules: a template must be usable by any campaign. */
export const saveRedialRules = (input: RedialRuleTemplate): RedialRuleTemplate => {
  requireName(input.name, 'name');
  const violations = settingsViolations(withDefaults({ name: input.name, redialRules: input.rules })).filter((violation) =>
    violation.field.startsWith('redialRules.'),
  );
  if (violations.length > 0) throw new ValidationError('The redial rules are out of range', violations);
  return input;
};
