import { IllegalStateError, NotFoundError, ValidationError } from '@zvonar/eventsourcing';
import { DeciderSpecification } from '@zvonar/eventsourcing/src/testing';
import {
  aCampaignCreated,
  aCampaignPaused,
  aCampaignStopped,
  aProgressRecorded,
  archiveCampaign,
  CAMPAIGN_ID,
  changeSettings,
  createCampaign,
  history,
  launchableSettings,
  launchCampaign,
  NOW,
  pauseCampaign,
  PROJECT_ID,
  progressOf,
  recordProgress,
  restartCampaign,
  resumeAfterTelephonyOutage,
  resumeCampaign,
  startCampaign,
  STARTS_AT,
  stopCampaign,
  unarchiveCampaign,
} from '../../../test/mothers/campaign.mother';
import { evolve, initialState } from './campaign';
import type { CampaignEvent, CampaignProgress } from './campaign.events';
import { DEFAULT_SETTINGS } from './campaign-settings';
import { campaignDecider, copyCampaign } from './campaign.decide';

const given = DeciderSpecification.for(campaignDecider);
/** The same data with every object's keys in reverse order: what a jsonb round trip may hand back. */
const reverseKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
};
const conflictIn = (state: string) => (error: IllegalStateError) => error.state === state;
const fields = (...expected: string[]) => (error: ValidationError) =>
  JSON.stringify(error.violations.map((violation) => violation.field).sort()) === JSON.stringify([...expected].sort());

describe('Campaign', () => {
  describe('when it does not exist', () => {
    it('is created with the wizard defaults filled in', () =>
      given([])
        .when({ type: 'CreateCampaign', data: { campaignId: CAMPAIGN_ID, projectId: PROJECT_ID, settings: { name: 'Draft one' } }, metadata: { now: NOW } })
        .then([{ type: 'CampaignCreated', data: { campaignId: CAMPAIGN_ID, projectId: PROJECT_ID, settings: { ...DEFAULT_SETTINGS, name: 'Draft one' }, createdAt: NOW, copiedFrom: null, templateId: null } }]));

    it('defaults answer wait to 27 s, action wait to 7 s and no-answer redials to 3 attempts', () => {
      expect([DEFAULT_SETTINGS.answerWaitSeconds, DEFAULT_SETTINGS.actionWaitSeconds, DEFAULT_SETTINGS.redialRules.noAnswer.attempts]).toEqual([27, 7, 3]);
    });

    it('rejects settings out of range with one field error each', () =>
      given([])
        .when(
          createCampaign({
            answerWaitSeconds: 500,
            concurrencyCap: 0,
            leadLimit: -1,
            pace: { callsPerHour: 100, callsPerSecond: 20 },
            redialRules: { ...DEFAULT_SETTINGS.redialRules, noAnswer: { attempts: 3, intervalSeconds: 30 } },
          }),
        )
        .thenThrows(ValidationError, fields('answerWaitSeconds', 'concurrencyCap', 'leadLimit', 'pace.callsPerSecond', 'redialRules.noAnswer.intervalSeconds')));

    it('answers not found to any other command', () => given([]).when(pauseCampaign()).thenThrows(NotFoundError));

    it('creates a copy that remembers its source', () => {
      const source = history.stopped().reduce(evolve, initialState());
      const copy = copyCampaign(source, { campaignId: 'copy-1', name: 'Spring offer (copy)', now: NOW });
      given([])
        .when(copy)
        .then([{ type: 'CampaignCreated', data: { campaignId: 'copy-1', projectId: PROJECT_ID, settings: launchableSettings({ name: 'Spring offer (copy)' }), createdAt: NOW, copiedFrom: CAMPAIGN_ID, templateId: null } }]);
    });
  });

  describe('when draft', () => {
    it('ignores a repeated create with the same input', () => given(history.draft()).when(createCampaign()).thenNothing());

    it('ignores a repeated create even when the stored settings come back with their keys reordered (as jsonb stores them)', () => {
      const stored = reverseKeys(launchableSettings()) as ReturnType<typeof launchableSettings>;
      expect(JSON.stringify(stored)).not.toBe(JSON.stringify(launchableSettings()));
      given([aCampaignCreated(stored)]).when(createCampaign()).thenNothing();
    });

    it('refuses a create with other settings for an existing campaign', () =>
      given(history.draft()).when(createCampaign({ concurrencyCap: 99 })).thenThrows(IllegalStateError));

    it('refuses a create with other settings for the same id', () =>
      given(history.draft()).when(createCampaign({ name: 'Other' })).thenThrows(IllegalStateError, conflictIn('Draft')));

    it('accepts edits', () =>
      given(history.draft())
        .when(changeSettings({ concurrencyCap: 20 }))
        .then([{ type: 'CampaignSettingsChanged', data: { campaignId: CAMPAIGN_ID, settings: launchableSettings({ concurrencyCap: 20 }), changedAt: NOW } }]));

    it('launches and starts at once when the start time has come', () =>
      given(history.draft())
        .when(launchCampaign())
        .then([
          { type: 'CampaignScheduled', data: { campaignId: CAMPAIGN_ID, startsAt: STARTS_AT, scheduledAt: NOW } },
          { type: 'CampaignStarted', data: { campaignId: CAMPAIGN_ID, startedAt: NOW } },
        ]));

    it('launches into Scheduled when the start time is ahead (start date and time in the user zone)', () =>
      given([aCampaignCreated(launchableSettings({ schedule: { ...launchableSettings().schedule, startDate: '2026-04-01', startTime: '10:30', timeZone: 'Asia/Yekaterinburg' } }))])
        .when(launchCampaign())
        .then([{ type: 'CampaignScheduled', data: { campaignId: CAMPAIGN_ID, startsAt: new Date('2026-04-01T05:30:00Z'), scheduledAt: NOW } }]));

    it('refuses to launch with every reason at once: no audience, unpublished scenario, no number, a window that never opens', () =>
      given([
        aCampaignCreated(
          launchableSettings({
            audienceIds: [],
            telephony: { ...DEFAULT_SETTINGS.telephony, callerNumbers: [] },
            schedule: { ...DEFAULT_SETTINGS.schedule, dailyWindow: { from: '20:00', to: '20:00' }, weekdays: [] },
          }),
        ),
      ])
        .when(launchCampaign(false))
        .thenThrows(ValidationError, fields('audienceIds', 'scenario', 'telephony.callerNumbers', 'schedule.dailyWindow', 'schedule.weekdays')));

    it('refuses to launch without a scenario', () =>
      given([aCampaignCreated(launchableSettings({ scenario: null }))]).when(launchCampaign()).thenThrows(ValidationError, fields('scenario')));

    it.each([
      ['pause', pauseCampaign()],
      ['resume', resumeCampaign()],
      ['stop', stopCampaign()],
      ['restart', restartCampaign()],
      ['start', startCampaign()],
      ['record progress', recordProgress({})],
    ])('answers 409 with the state to %s', (_name, command) => given(history.draft()).when(command).thenThrows(IllegalStateError, conflictIn('Draft')));

    it('can be archived', () => given(history.draft()).when(archiveCampaign()).then([{ type: 'CampaignArchived', data: { campaignId: CAMPAIGN_ID, archivedAt: NOW } }]));
  });

  describe('when scheduled', () => {
    it('does not start before its start time', () => given(history.scheduled()).when(startCampaign(new Date('2026-04-01T05:59:59Z'))).thenNothing());

    it('starts at its start time', () =>
      given(history.scheduled())
        .when(startCampaign(new Date('2026-04-01T06:00:00Z')))
        .then([{ type: 'CampaignStarted', data: { campaignId: CAMPAIGN_ID, startedAt: new Date('2026-04-01T06:00:00Z') } }]));

    it('refuses edits with 409 and the state', () =>
      given(history.scheduled()).when(changeSettings({ concurrencyCap: 5 })).thenThrows(IllegalStateError, conflictIn('Scheduled')));

    it('can be stopped', () => given(history.scheduled()).when(stopCampaign()).then([{ type: 'CampaignStopped', data: { campaignId: CAMPAIGN_ID, stoppedAt: NOW } }]));
  });

  describe('when running', () => {
    it('pauses at the user request', () =>
      given(history.running()).when(pauseCampaign()).then([{ type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'User', pausedAt: NOW, by: 'User' } }]));

    it('pauses when the balance is exhausted', () =>
      given(history.running()).when(pauseCampaign('BalanceExhausted')).then([{ type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'BalanceExhausted', pausedAt: NOW, by: 'System' } }]));

    it('refuses edits with 409 and the state', () =>
      given(history.running()).when(changeSettings({ concurrencyCap: 5 })).thenThrows(IllegalStateError, conflictIn('Running')));

    it('treats resume and a repeated start as duplicates', () => {
      given(history.running()).when(resumeCampaign()).thenNothing();
      given(history.running()).when(startCampaign()).thenNothing();
    });

    it('refuses a second launch and archiving', () => {
      given(history.running()).when(launchCampaign()).thenThrows(IllegalStateError, conflictIn('Running'));
      given(history.running()).when(archiveCampaign()).thenThrows(IllegalStateError, conflictIn('Running'));
    });

    it('treats a repeated progress report as a duplicate whatever the key order it was stored in', () =>
      given([...history.running(), aProgressRecorded(reverseKeys(progressOf({ processedContacts: 10 })) as CampaignProgress)])
        .when(recordProgress({ processedContacts: 10 }))
        .thenNothing());

    it('records progress, and a repeated report changes nothing', () => {
      given(history.running())
        .when(recordProgress({ processedContacts: 10 }))
        .then([{ type: 'CampaignProgressRecorded', data: { campaignId: CAMPAIGN_ID, progress: progressOf({ processedContacts: 10 }), recordedAt: NOW } }]);
      given([...history.running(), { type: 'CampaignProgressRecorded', data: { campaignId: CAMPAIGN_ID, progress: progressOf({ processedContacts: 10 }), recordedAt: NOW } }])
        .when(recordProgress({ processedContacts: 10 }))
        .thenNothing();
    });

    it('pauses at the lead limit', () =>
      given([aCampaignCreated(launchableSettings({ leadLimit: 5 })), ...history.running().slice(1)])
        .when(recordProgress({ leads: 5 }))
        .then([
          { type: 'CampaignProgressRecorded', data: { campaignId: CAMPAIGN_ID, progress: progressOf({ leads: 5 }), recordedAt: NOW } },
          { type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'LeadLimit', pausedAt: NOW, by: 'System' } },
        ]));

    it('pauses at the spend limit', () =>
      given([aCampaignCreated(launchableSettings({ spendLimitKopecks: 10_000 })), ...history.running().slice(1)])
        .when(recordProgress({ spentKopecks: 10_001 }))
        .then([
          { type: 'CampaignProgressRecorded', data: { campaignId: CAMPAIGN_ID, progress: progressOf({ spentKopecks: 10_001 }), recordedAt: NOW } },
          { type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'SpendLimit', pausedAt: NOW, by: 'System' } },
        ]));

    it('ignores limits of 0 (no limit) and completes when every contact is processed', () =>
      given(history.running())
        .when(recordProgress({ leads: 1_000, spentKopecks: 1_000_000, processedContacts: 100 }))
        .then([
          { type: 'CampaignProgressRecorded', data: { campaignId: CAMPAIGN_ID, progress: progressOf({ leads: 1_000, spentKopecks: 1_000_000, processedContacts: 100 }), recordedAt: NOW } },
          { type: 'CampaignCompleted', data: { campaignId: CAMPAIGN_ID, completedAt: NOW } },
        ]));

    it('can be stopped', () => given(history.running()).when(stopCampaign()).then([{ type: 'CampaignStopped', data: { campaignId: CAMPAIGN_ID, stoppedAt: NOW } }]));
  });

  describe('when paused', () => {
    it('resumes', () => given(history.paused()).when(resumeCampaign()).then([{ type: 'CampaignResumed', data: { campaignId: CAMPAIGN_ID, resumedAt: NOW, by: 'User' } }]));

    it('accepts edits', () =>
      given(history.paused())
        .when(changeSettings({ concurrencyCap: 3 }))
        .then([{ type: 'CampaignSettingsChanged', data: { campaignId: CAMPAIGN_ID, settings: launchableSettings({ concurrencyCap: 3 }), changedAt: NOW } }]));

    it('treats a second pause as a duplicate', () => given(history.paused()).when(pauseCampaign('SpendLimit')).thenNothing());

    it('stays paused by the lead limit until the limit is raised', () => {
      const atLimit = [aCampaignCreated(launchableSettings({ leadLimit: 5 })), ...history.running().slice(1), { type: 'CampaignProgressRecorded' as const, data: { campaignId: CAMPAIGN_ID, progress: progressOf({ leads: 5 }), recordedAt: NOW } }, ...history.paused('LeadLimit').slice(-1)];
      given(atLimit).when(resumeCampaign()).thenThrows(IllegalStateError, conflictIn('Paused'));
      given([...atLimit, { type: 'CampaignSettingsChanged', data: { campaignId: CAMPAIGN_ID, settings: launchableSettings({ leadLimit: 10 }), changedAt: NOW } }])
        .when(resumeCampaign())
        .then([{ type: 'CampaignResumed', data: { campaignId: CAMPAIGN_ID, resumedAt: NOW, by: 'User' } }]);
    });

    it('records progress without completing or pausing again', () =>
      given(history.paused())
        .when(recordProgress({ processedContacts: 100 }))
        .then([{ type: 'CampaignProgressRecorded', data: { campaignId: CAMPAIGN_ID, progress: progressOf({ processedContacts: 100 }), recordedAt: NOW } }]));

    it('can be stopped', () => given(history.paused()).when(stopCampaign()).then([{ type: 'CampaignStopped', data: { campaignId: CAMPAIGN_ID, stoppedAt: NOW } }]));
  });

  describe('when stopped', () => {
    it('restarts to dial again those not answered', () =>
      given(history.stopped()).when(restartCampaign()).then([{ type: 'CampaignRestarted', data: { campaignId: CAMPAIGN_ID, restartedAt: NOW } }]));

    it('treats a second stop as a duplicate', () => given(history.stopped()).when(stopCampaign()).thenNothing());

    it('refuses resume and edits with 409 and the state', () => {
      given(history.stopped()).when(resumeCampaign()).thenThrows(IllegalStateError, conflictIn('Stopped'));
      given(history.stopped()).when(changeSettings({})).thenThrows(IllegalStateError, conflictIn('Stopped'));
    });

    it('can be archived', () => given(history.stopped()).when(archiveCampaign()).then([{ type: 'CampaignArchived', data: { campaignId: CAMPAIGN_ID, archivedAt: NOW } }]));
  });

  describe('when completed', () => {
    it('restarts', () => given(history.completed()).when(restartCampaign()).then([{ type: 'CampaignRestarted', data: { campaignId: CAMPAIGN_ID, restartedAt: NOW } }]));

    it('refuses pause and stop with 409 and the state', () => {
      given(history.completed()).when(pauseCampaign()).thenThrows(IllegalStateError, conflictIn('Completed'));
      given(history.completed()).when(stopCampaign()).thenThrows(IllegalStateError, conflictIn('Completed'));
    });
  });

  describe('when restarted', () => {
    it('runs again and can be paused', () =>
      given([...history.stopped(), { type: 'CampaignRestarted', data: { campaignId: CAMPAIGN_ID, restartedAt: NOW } }])
        .when(pauseCampaign())
        .then([{ type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'User', pausedAt: NOW, by: 'User' } }]));
  });

  describe('when archived', () => {
    it('unarchives', () => given(history.archived()).when(unarchiveCampaign()).then([{ type: 'CampaignUnarchived', data: { campaignId: CAMPAIGN_ID, unarchivedAt: NOW } }]));

    it('treats a second archive as a duplicate', () => given(history.archived()).when(archiveCampaign()).thenNothing());

    it('refuses launch and edits with 409 and the state Archived', () => {
      given(history.archived()).when(launchCampaign()).thenThrows(IllegalStateError, conflictIn('Archived'));
      given(history.archived()).when(changeSettings({})).thenThrows(IllegalStateError, conflictIn('Archived'));
    });

    it('launches again once unarchived', () =>
      given([...history.archived(), { type: 'CampaignUnarchived', data: { campaignId: CAMPAIGN_ID, unarchivedAt: NOW } }])
        .when(launchCampaign(true, NOW))
        .then([
          { type: 'CampaignScheduled', data: { campaignId: CAMPAIGN_ID, startsAt: STARTS_AT, scheduledAt: NOW } },
          { type: 'CampaignStarted', data: { campaignId: CAMPAIGN_ID, startedAt: NOW } },
        ]));
  });

  describe('when not archived', () => {
    it('treats unarchive as a duplicate', () => given(history.draft()).when(unarchiveCampaign()).thenNothing());
  });
  describe('while call-control is unavailable (pause reason TelephonyUnavailable)', () => {
    const pausedForTelephony = (): CampaignEvent[] => history.paused('TelephonyUnavailable');
    const telephonyPause: CampaignEvent = { type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'TelephonyUnavailable', pausedAt: NOW, by: 'System' } };
    const systemResume: CampaignEvent = { type: 'CampaignResumed', data: { campaignId: CAMPAIGN_ID, resumedAt: NOW, by: 'System' } };
    const withLeadLimit = (events: CampaignEvent[]): CampaignEvent[] => [aCampaignCreated(launchableSettings({ leadLimit: 5 })), ...events.slice(1)];

    it('the system pauses a running campaign, saying it was the system', () =>
      given(history.running()).when(pauseCampaign('TelephonyUnavailable')).then([telephonyPause]));

    it('the paused state carries the reason', () => {
      const state = pausedForTelephony().reduce(evolve, initialState());
      expect(state).toMatchObject({ status: 'Paused', pauseReason: 'TelephonyUnavailable' });
    });

    it('the system pause changes nothing in any other state (the watch repeats itself, from every process)', () => {
      given(pausedForTelephony()).when(pauseCampaign('TelephonyUnavailable')).thenNothing();
      given(history.paused('User')).when(pauseCampaign('TelephonyUnavailable')).thenNothing();
      given(history.paused('LeadLimit')).when(pauseCampaign('TelephonyUnavailable')).thenNothing();
      given(history.stopped()).when(pauseCampaign('TelephonyUnavailable')).thenNothing();
      given(history.completed()).when(pauseCampaign('TelephonyUnavailable')).thenNothing();
      given(history.draft()).when(pauseCampaign('TelephonyUnavailable')).thenNothing();
      given(history.scheduled()).when(pauseCampaign('TelephonyUnavailable')).thenNothing();
    });

    it('the system pause of a campaign that does not exist answers 404', () => given([]).when(pauseCampaign('TelephonyUnavailable')).thenThrows(NotFoundError));

    it('resumes by itself when call-control is back, saying it was the system', () =>
      given(pausedForTelephony()).when(resumeAfterTelephonyOutage()).then([systemResume]));

    it('a repeated "call-control is back" changes nothing once resumed', () =>
      given([...pausedForTelephony(), systemResume]).when(resumeAfterTelephonyOutage()).thenNothing());

    it('a user pause during the outage turns it into a user pause, which call-control coming back does not end', () => {
      const userPause: CampaignEvent = { type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'User', pausedAt: NOW, by: 'User' } };
      given(pausedForTelephony()).when(pauseCampaign('User')).then([userPause]);
      given([...pausedForTelephony(), userPause]).when(resumeAfterTelephonyOutage()).thenNothing();
    });

    it('an exhausted balance during the outage takes over the pause', () =>
      given(pausedForTelephony())
        .when(pauseCampaign('BalanceExhausted'))
        .then([{ type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'BalanceExhausted', pausedAt: NOW, by: 'System' } }]));

    it('a lead limit reached by the last calls during the outage takes over the pause', () =>
      given(withLeadLimit(pausedForTelephony()))
        .when(recordProgress({ leads: 5 }))
        .then([
          { type: 'CampaignProgressRecorded', data: { campaignId: CAMPAIGN_ID, progress: progressOf({ leads: 5 }), recordedAt: NOW } },
          { type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'LeadLimit', pausedAt: NOW, by: 'System' } },
        ]));

    it('a limit already reached when call-control comes back keeps it paused, for the limit', () =>
      given([...withLeadLimit(pausedForTelephony()), aProgressRecorded({ leads: 5 })])
        .when(resumeAfterTelephonyOutage())
        .then([{ type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'LeadLimit', pausedAt: NOW, by: 'System' } }]));

    it('progress below the limits is recorded without pausing again or completing', () =>
      given(pausedForTelephony())
        .when(recordProgress({ processedContacts: 100 }))
        .then([{ type: 'CampaignProgressRecorded', data: { campaignId: CAMPAIGN_ID, progress: progressOf({ processedContacts: 100 }), recordedAt: NOW } }]));

    it('a stop wins: call-control coming back does not resume a stopped campaign', () => {
      given(pausedForTelephony()).when(stopCampaign()).then([{ type: 'CampaignStopped', data: { campaignId: CAMPAIGN_ID, stoppedAt: NOW } }]);
      given([...pausedForTelephony(), aCampaignStopped()]).when(resumeAfterTelephonyOutage()).thenNothing();
    });

    it('an edit makes the pause the user\'s, so the campaign does not resume halfway through the edits', () =>
      given(pausedForTelephony())
        .when(changeSettings({ concurrencyCap: 3 }))
        .then([
          { type: 'CampaignSettingsChanged', data: { campaignId: CAMPAIGN_ID, settings: launchableSettings({ concurrencyCap: 3 }), changedAt: NOW } },
          { type: 'CampaignPaused', data: { campaignId: CAMPAIGN_ID, reason: 'User', pausedAt: NOW, by: 'User' } },
        ]));

    it('a user resume while call-control is down keeps it paused for the telephony (it resumes by itself later)', () => {
      given(history.paused('User')).when(resumeCampaign(false)).then([telephonyPause]);
      given(pausedForTelephony()).when(resumeCampaign(false)).thenNothing();
    });

    it('a user resume while call-control is down still answers 409 while a limit holds the campaign', () => {
      const atLimit = [...withLeadLimit(history.running()), aProgressRecorded({ leads: 5 }), aCampaignPaused('LeadLimit')];
      given(atLimit).when(resumeCampaign(false)).thenThrows(IllegalStateError, conflictIn('Paused'));
    });

    it('a user resume once call-control is up resumes, saying it was the user', () =>
      given(pausedForTelephony()).when(resumeCampaign(true)).then([{ type: 'CampaignResumed', data: { campaignId: CAMPAIGN_ID, resumedAt: NOW, by: 'User' } }]));

    it('call-control coming back leaves a campaign paused by the user, a running, a completed or a draft one alone', () => {
      given(history.paused('User')).when(resumeAfterTelephonyOutage()).thenNothing();
      given(history.running()).when(resumeAfterTelephonyOutage()).thenNothing();
      given(history.completed()).when(resumeAfterTelephonyOutage()).thenNothing();
      given(history.draft()).when(resumeAfterTelephonyOutage()).thenNothing();
    });

    it('completes when the dialer says every contact is processed (calls in flight finished the last contacts)', () =>
      given(pausedForTelephony())
        .when({ type: 'CompleteCampaign', data: { campaignId: CAMPAIGN_ID }, metadata: { now: NOW } })
        .then([{ type: 'CampaignCompleted', data: { campaignId: CAMPAIGN_ID, completedAt: NOW } }]));
  });

  describe('CompleteCampaign (the dialer: every contact processed)', () => {
    const complete = { type: 'CompleteCampaign', data: { campaignId: CAMPAIGN_ID }, metadata: { now: NOW } } as const;
    const completed: CampaignEvent[] = [{ type: 'CampaignCompleted', data: { campaignId: CAMPAIGN_ID, completedAt: NOW } }];

    it('completes a running campaign', () => given(history.running()).when(complete).then(completed));

    it('completes a paused campaign (calls in flight finished the last contacts)', () => given(history.paused()).when(complete).then(completed));

    it('changes nothing when already completed', () => given(history.completed()).when(complete).then([]));

    it('refuses a draft, scheduled or stopped campaign with 409 and the state', () => {
      given(history.draft()).when(complete).thenThrows(IllegalStateError, conflictIn('Draft'));
      given(history.scheduled()).when(complete).thenThrows(IllegalStateError, conflictIn('Scheduled'));
      given(history.stopped()).when(complete).thenThrows(IllegalStateError, conflictIn('Stopped'));
    });

    it('answers 404 for a campaign that does not exist', () => given([]).when(complete).thenThrows(NotFoundError));
  });
});
