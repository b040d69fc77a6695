import { ValidationError } from '@zvonar/eventsourcing';
import { DeciderSpecification } from '@zvonar/eventsourcing/src/testing';
import { CAMPAIGN_ID, history, launchableSettings, NOW, PROJECT_ID } from '../../../test/mothers/campaign.mother';
import { campaignDecider, evolve, initialState } from '../../campaign/domain';
import { DEFAULT_REDIAL_RULES } from '../../dialing/domain';
import { createFromTemplate, saveAsTemplate, saveRedialRules } from './call-task-template';

const given = DeciderSpecification.for(campaignDecider);
const running = history.running().reduce(evolve, initialState());

describe('Call-task templates', () => {
  it('saves every setting of a campaign except its name and audiences', () => {
    const template = saveAsTemplate(running, { templateId: 't1', name: 'Weekday reminders', now: NOW });
    const { name: _name, audienceIds: _audiences, ...expected } = launchableSettings();
    expect(template).toEqual({ templateId: 't1', projectId: PROJECT_ID, name: 'Weekday reminders', settings: expected, sourceCampaignId: CAMPAIGN_ID, savedAt: NOW });
  });

  it('refuses a template without a name', () => {
    expect(() => saveAsTemplate(running, { templateId: 't1', name: ' ', now: NOW })).toThrow(ValidationError);
  });

  it('creates a draft campaign from a template with its own name and audiences', () => {
    const template = saveAsTemplate(running, { templateId: 't1', name: 'Weekday reminders', now: NOW });
    given([])
      .when(createFromTemplate(template, { campaignId: 'c-new', name: 'April reminders', audienceIds: ['audience-9'], now: NOW }))
      .then([
        {
          type: 'CampaignCreated',
          data: { campaignId: 'c-new', projectId: PROJECT_ID, settings: launchableSettings({ name: 'April reminders', audienceIds: ['audience-9'] }), createdAt: NOW, copiedFrom: null, templateId: 't1' },
        },
      ]);
  });

  it('saves redial rules as a named template, and refuses an empty name', () => {
    const polite = { templateId: 'r1', projectId: PROJECT_ID, name: 'Polite', rules: DEFAULT_REDIAL_RULES, savedAt: NOW };
    expect(saveRedialRules(polite)).toEqual(polite);
    expect(() => saveRedialRules({ ...polite, name: '' })).toThrow(ValidationError);
  });

  it('refuses redial rules out of range, naming each field', () => {
    const rules = { ...DEFAULT_REDIAL_RULES, busy: { attempts: 11, intervalSeconds: 30 } };
    expect(() => saveRedialRules({ templateId: 'r1', projectId: PROJECT_ID, name: 'Pushy', rules, savedAt: NOW })).toThrow(
      expect.objectContaining({
        violations: [expect.objectContaining({ field: 'redialRules.busy.attempts' }), expect.objectContaining({ field: 'redialRules.busy.intervalSeconds' })],
      }),
    );
  });
});
