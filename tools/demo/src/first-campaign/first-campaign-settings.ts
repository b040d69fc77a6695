/** A daily calling window as campaigns takes it: local `HH:MM`, `from` < `to`, `to` may be `24:00`. */
export interface DailyWindow {
  readonly from: string;
  readonly to: string;
}

/**
 * The scenario of the first campaign: a greeting by {{name}}, then a DTMF question. 1 = a goal, an
 * SMS and a webhook to the CRM; 2 = the project blacklist; no input = the question once more, then
 * goodbye (retries: 1).
 */
export const firstCampaignScenario = () => ({
  startNodeId: 'greeting',
  nodes: [
    {
      id: 'greeting',
      cards: [
        { type: 'Play', id: 'hello', source: { kind: 'text', text: 'Здравствуйте, {{name}}! Это Звонарь.' } },
        {
          type: 'Recognition',
          id: 'question',
          mode: 'dtmf',
          retries: 1,
          choices: [
            { digits: '1', next: 'interested' },
            { digits: '2', next: 'opt-out' },
          ],
          noInput: { next: 'goodbye' },
          noMatch: { next: 'goodbye' },
        },
      ],
    },
    {
      id: 'interested',
      cards: [
        { type: 'Goal', id: 'lead', tag: 'interested' },
        { type: 'Message', id: 'sms', materialId: 'sms-offer' },
        { type: 'Integration', id: 'crm-webhook', integrationId: 'crm-webhook', fieldMapping: { client: '{{name}}' } },
        { type: 'Play', id: 'thanks', source: { kind: 'text', text: 'Спасибо! Мы отправили вам SMS.' } },
        { type: 'Hangup', id: 'interested-end' },
      ],
    },
    { id: 'opt-out', cards: [{ type: 'Blacklist', id: 'block', scope: 'project' }, { type: 'Hangup', id: 'opt-out-end' }] },
    { id: 'goodbye', cards: [{ type: 'Play', id: 'bye', source: { kind: 'text', text: 'До свидания!' } }, { type: 'Hangup', id: 'goodbye-end' }] },
  ],
});

/** The virtual callees: how often they answer, are busy, do not answer, are machines, and what they press. */
export const calleeMix = {
  answer: 0.6,
  busy: 0.2,
  noAnswer: 0.2,
  rejected: 0,
  congestion: 0,
  machineShare: 0.2,
  hangUpMidPromptShare: 0,
  replies: [
    { weight: 0.4, dtmf: '1' },
    { weight: 0.2, dtmf: '2' },
    { weight: 0.4, silence: true },
  ],
  ring: { minMs: 1000, maxMs: 4000 },
};

/** How long the bot waits for a key press (simulated seconds). */
export const ACTION_WAIT_SECONDS = 5;

/** Redials a minute apart (the shortest interval campaigns allows), one redial for busy and no answer. */
export const REDIAL_INTERVAL_SECONDS = 60;

/** Campaign settings for a fast, watchable run in `window` (every weekday, started yesterday). */
export function firstCampaignSettings(input: {
  name: string;
  scenarioId: string;
  version: number;
  audienceId: string;
  blacklistId: string;
  window: DailyWindow;
  now: Date;
  callsPerSecond: number;
  concurrencyCap: number;
}) {
  const yesterday = new Date(input.now.getTime() - 24 * 3_600_000).toISOString().slice(0, 10);
  const redial = { attempts: 2, intervalSeconds: REDIAL_INTERVAL_SECONDS };
  const once = { attempts: 1, intervalSeconds: REDIAL_INTERVAL_SECONDS };
  return {
    name: input.name,
    scenario: { scenarioId: input.scenarioId, version: input.version },
    audienceIds: [input.audienceId],
    blacklistIds: [input.blacklistId],
    telephony: { callerNumbers: ['+74950000000'], trunkCallsPerSecondCap: input.callsPerSecond },
    answerWaitSeconds: 20,
    actionWaitSeconds: ACTION_WAIT_SECONDS,
    redialRules: { busy: redial, noAnswer: redial, answeringMachine: once, failure: once, shortCall: { ...once, underSeconds: 1 }, carouselExtraAttempt: false },
    pace: { callsPerHour: Math.round(input.callsPerSecond * 3600), callsPerSecond: input.callsPerSecond },
    concurrencyCap: input.concurrencyCap,
    schedule: { startDate: yesterday, startTime: '00:00', timeZone: 'Europe/Moscow', dailyWindow: input.window, weekdays: [1, 2, 3, 4, 5, 6, 7] },
  };
}
