import { eventually } from '@zvonar/testing';
import type { ConformingClient } from '../../../services/gateway/test/conforming-client';
import { signedUpUser } from '../../../services/gateway/test/journey';
import type { Answer, Loose } from '../../../services/gateway/test/rest-client';
import { firstCampaignScenario, firstCampaignSettings } from '../../../tools/demo/src/first-campaign/first-campaign-settings';
import {
  audienceCsv,
  audienceCustomFields,
  audienceImportRequest,
  blacklistedOf,
  CITIES,
  zonedAudience,
  type AudienceContact,
  type CityZone,
} from '../../../tools/demo/src/first-campaign/zoned-audience';
import { chooseWindow, isInsideWindow, type DailyWindow } from './calling-window-choice';
import { allPages } from './rest-pages';

/**
 * A service's first call about a new project, retried as a client of the API would: 404 while the
 * service has not learnt of the project yet (its read model follows the projects events), 503
 * (with Retry-After) while a dependency is still warming up right after a start. The last answer
 * is named if it never settles.
 */
async function firstTouch(request: () => Promise<Answer<Loose>>, what: string): Promise<Answer<Loose>> {
  let last: Answer<Loose> | undefined;
  return eventually(
    async () => {
      last = await request();
      return last.status !== 404 && last.status !== 503 && last;
    },
    { timeoutMs: 60_000, intervalMs: 250, what },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last answer ${last?.status}: ${JSON.stringify(last?.body)}`);
  });
}

/** A call as the public API lists it (`GET /projects/{id}/calls`). */
export type Call = {
  callId: string;
  contactId: string;
  phone: string;
  status: string;
  outcome: string;
  requestedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  goalReached: boolean;
  blacklisted: boolean;
  talkSeconds: number;
  billableSeconds: number;
};

export interface JourneyOptions {
  /** Contacts per city (five cities, five zones). */
  readonly perCity: number;
  readonly blacklistedPerCity: number;
  readonly callsPerSecond: number;
  readonly concurrencyCap: number;
  /** Runs once the project exists, before the audience is imported (e.g. configuring simulated callees). */
  readonly withProject?: (user: ConformingClient, projectId: string) => Promise<void>;
}

/** Everything the journey set up before the launch, and what the checks compare against. */
export interface LaunchedCampaign {
  readonly user: ConformingClient;
  readonly projectId: string;
  readonly campaignId: string;
  readonly contacts: readonly AudienceContact[];
  readonly blacklisted: readonly AudienceContact[];
  readonly blacklistedPhones: ReadonlySet<string>;
  readonly blacklistSegmentId: string;
  /** Contact id → phone, as audiences imported it. */
  readonly contactPhone: ReadonlyMap<string, string>;
  /** Phone → the one zone audiences read from it. */
  readonly phoneZone: ReadonlyMap<string, CityZone>;
  readonly window: DailyWindow;
  readonly open: readonly CityZone[];
  readonly closed: readonly CityZone[];
  /** Contacts of the closed zones off the blacklist: they wait for their window, never called. */
  readonly waitingForWindow: number;
  /** Contacts the campaign may call now: open zones, off the blacklist. */
  readonly openContacts: number;
}

/**
 * The marketer's journey up to the launch, through the public REST API only: registered and
 * confirmed through the dev outbox, a project with custom fields, a zoned CSV audience and a
 * blacklist, the DTMF scenario published, a campaign with pace, cap, redials and a daily window
 * open now in most zones and closed in at least one, launched.
 */
export async function launchFirstCampaign(api: ConformingClient, options: JourneyOptions): Promise<LaunchedCampaign> {
  const { client: user } = await signedUpUser(api);

  const project = await user.post('/api/v1/projects', { name: 'Первый обзвон', customFields: audienceCustomFields });
  expect(project.status).toBe(201);
  const projectId = project.body.projectId as string;
  await options.withProject?.(user, projectId);

  // Contacts in five zones, imported from a CSV; a blacklist segment of some of them.
  const contacts = zonedAudience(options.perCity);
  const blacklisted = blacklistedOf(contacts, options.blacklistedPerCity);
  const audience = await firstTouch(() => user.post(`/api/v1/projects/${projectId}/segments`, { name: 'База', kind: 'audience' }), 'audiences to know the project');
  expect(audience.status).toBe(201);
  const audienceId = audience.body.segment.segmentId as string;
  const upload = await user.post(`/api/v1/projects/${projectId}/imports?fileName=base.csv`, audienceCsv(contacts), { 'content-type': 'text/csv' });
  expect(upload.status).toBe(201);
  expect((await user.post(`/api/v1/imports/${upload.body.uploadId}/preview`, {})).body).toMatchObject({ fileKind: 'csv', delimiter: ';', columnCount: 3 });
  const started = await user.post(`/api/v1/imports/${upload.body.uploadId}/start`, audienceImportRequest(audienceId));
  expect(started.status).toBe(202);
  const job = await eventually(
    async () => {
      const answer = await user.get(`/api/v1/import-jobs/${started.body.jobId}`);
      return answer.body.state !== 'running' && answer.body;
    },
    { timeoutMs: 60_000, intervalMs: 250, what: 'the import to finish' },
  );
  expect(job).toMatchObject({ state: 'completed', rowsImported: contacts.length, rowsRejected: 0 });
  const blacklist = await user.post(`/api/v1/projects/${projectId}/segments`, { name: 'Не звонить', kind: 'blacklist', pastedList: blacklisted.map((contact) => contact.phone).join('\n') });
  expect(blacklist.status).toBe(201);
  expect(blacklist.body.rejectedLines).toEqual([]);

  // Audiences read every geographic number into its one zone: the zone the window check uses.
  const imported = await allPages<Loose>(user, `/api/v1/segments/${audienceId}/contacts`, 100);
  const zoneOf = new Map(contacts.map((contact) => [contact.phone, contact.zone]));
  expect(imported).toHaveLength(contacts.length);
  expect(imported.filter((contact) => JSON.stringify(contact.timeZones) !== JSON.stringify([zoneOf.get(contact.phone)]))).toEqual([]);

  const scenario = await firstTouch(() => user.post(`/api/v1/projects/${projectId}/scenarios`, { name: 'Предложение', graph: firstCampaignScenario() }), 'scenarios to know the project');
  expect(scenario.status).toBe(201);
  expect(scenario.body.draftIssues).toEqual([]);
  const published = await user.post(`/api/v1/scenarios/${scenario.body.scenarioId}/versions`, { expectedRevision: scenario.body.draftRevision });
  expect(published.status).toBe(201);

  // A daily window open now in most zones and closed in at least one, for the whole run.
  const now = new Date();
  const { window, open, closed } = chooseWindow(now, CITIES.map((city) => city.zone), 20);
  const campaign = await firstTouch(
    () =>
      user.post(`/api/v1/projects/${projectId}/campaigns`, {
        settings: firstCampaignSettings({
          name: 'Первая кампания',
          scenarioId: scenario.body.scenarioId,
          version: published.body.version,
          audienceId,
          blacklistId: blacklist.body.segment.segmentId,
          window,
          now,
          callsPerSecond: options.callsPerSecond,
          concurrencyCap: options.concurrencyCap,
        }),
      }),
    'campaigns to know the project',
  );
  expect(campaign.status).toBe(201);
  const campaignId = campaign.body.campaignId as string;
  const launched = await user.post(`/api/v1/campaigns/${campaignId}/launch`, {});
  expect(launched.status).toBe(200);

  const blacklistedPhones = new Set(blacklisted.map((contact) => contact.phone));
  const callable = (zones: readonly CityZone[]) => contacts.filter((contact) => zones.includes(contact.zone) && !blacklistedPhones.has(contact.phone)).length;
  return {
    user,
    projectId,
    campaignId,
    contacts,
    blacklisted,
    blacklistedPhones,
    blacklistSegmentId: blacklist.body.segment.segmentId as string,
    contactPhone: new Map(imported.map((contact) => [contact.contactId as string, contact.phone as string])),
    phoneZone: new Map(imported.map((contact) => [contact.phone as string, (contact.timeZones as CityZone[])[0]!])),
    window,
    open,
    closed,
    waitingForWindow: callable(closed),
    openContacts: callable(open),
  };
}

/** The campaign's report (`GET /campaigns/{id}/report`). */
export const campaignReport = async (campaign: LaunchedCampaign): Promise<Loose> => (await campaign.user.get(`/api/v1/campaigns/${campaign.campaignId}/report`)).body;

/**
 * Done with every contact it may call now: nothing in a call, nothing left to (re)send; only the
 * closed zones' contacts still waiting for their window. `diagnostics` adds to a timeout's message.
 */
export async function untilEveryCallableContactIsDone(campaign: LaunchedCampaign, timeoutMs: number, diagnostics: () => string = () => ''): Promise<Loose> {
  let lastReport: Loose;
  let lastError: unknown;
  return eventually(
    async () => {
      // A restarting service makes the gateway answer 503 for a while: the wait goes on.
      const answer = await campaign.user.get(`/api/v1/campaigns/${campaign.campaignId}/report`).catch((error: unknown) => {
        lastError = error;
        return undefined;
      });
      if (answer?.status !== 200) return false;
      lastReport = answer.body;
      const { contacts: states, calls } = answer.body;
      return answer.body.audienceLoaded && states.inCall === 0 && states.awaitingResend === 0 && calls.inProgress === 0 && states.waiting === campaign.waitingForWindow && answer.body;
    },
    { timeoutMs, intervalMs: 1_000, what: 'the campaign to finish every contact it may call now' },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last report ${JSON.stringify(lastReport)}; last error ${String(lastError)}\n${diagnostics()}`);
  });
}

/**
 * call-control's calls read model follows its own events, so it may still show a call as in
 * progress that the campaign's report already counts as ended: waits for it to catch up.
 */
export async function endedCalls(campaign: LaunchedCampaign, placed: number): Promise<Call[]> {
  let lastCalls: Call[] = [];
  return eventually(
    async () => {
      lastCalls = await allPages<Call>(campaign.user, `/api/v1/projects/${campaign.projectId}/calls?campaignId=${campaign.campaignId}`, 100);
      return lastCalls.length === placed && lastCalls.every((call) => call.status === 'ended') && lastCalls;
    },
    { timeoutMs: 30_000, intervalMs: 500, what: "call-control's calls to show every placed call ended" },
  ).catch((error: Error) => {
    const unfinished = lastCalls.filter((call) => call.status !== 'ended');
    throw new Error(`${error.message}; ${lastCalls.length} listed of ${placed} placed; not ended: ${JSON.stringify(unfinished.slice(0, 5))}`);
  });
}

const ANSWERED = ['goal', 'blacklist', 'completed', 'transferred', 'dropped'];
const REDIALLED_AFTER = ['busy', 'rejected', 'no_answer'];
/**
 * A call lost to our own failure (call-control killed mid-call): the dialer tries the contact
 * again without using one of its redial attempts, so it is none of the callee's calls.
 */
export const isLost = (call: Call): boolean => call.outcome === 'interrupted';

/** The report adds up, and matches the calls call-control recorded, outcome by outcome. */
export function expectReportMatchesCalls(report: Loose, calls: readonly Call[], totalContacts: number): void {
  const { contacts: states, calls: counted } = report;
  expect(states.waiting + states.inCall + states.awaitingResend + states.finished).toBe(report.totalContacts);
  expect(states.reached + states.exhausted + states.blacklisted + states.outsideEveryWindow + states.interrupted + states.other).toBe(states.finished);
  expect(report.finishedContacts).toBe(states.finished);
  expect(report.totalContacts).toBe(totalContacts);
  expect(calls.every((call) => call.status === 'ended')).toBe(true);
  const withOutcome = (...outcomes: string[]) => calls.filter((call) => outcomes.includes(call.outcome)).length;
  expect({
    placed: calls.length,
    answered: withOutcome(...ANSWERED),
    goals: calls.filter((call) => call.goalReached).length,
    blacklisted: calls.filter((call) => call.blacklisted).length,
    answeringMachines: withOutcome('machine'),
    notAnswered: withOutcome('no_answer'),
    busy: withOutcome('busy', 'rejected'),
    interrupted: withOutcome('interrupted'),
    failed: calls.length - withOutcome(...ANSWERED, 'machine', 'no_answer', 'busy', 'rejected', 'interrupted'),
    inProgress: 0,
  }).toEqual({
    placed: counted.placed,
    answered: counted.answered,
    goals: counted.goals,
    blacklisted: counted.blacklisted,
    answeringMachines: counted.answeringMachines,
    notAnswered: counted.notAnswered,
    busy: counted.busy,
    interrupted: counted.interrupted,
    failed: counted.failed,
    inProgress: counted.inProgress,
  });
  expect(withOutcome('goal')).toBe(counted.goals);
  expect(withOutcome('blacklist')).toBe(counted.blacklisted);
}

/** No call outside the contact's local window; none to the closed zones nor to the blacklist; each to its contact's phone. */
export function expectCallsInsideWindowsAndOffBlacklist(campaign: LaunchedCampaign, calls: readonly Call[]): void {
  const zoneOf = (call: Call) => campaign.phoneZone.get(call.phone)!;
  expect(calls.filter((call) => !campaign.open.includes(zoneOf(call)))).toEqual([]);
  expect(calls.filter((call) => !isInsideWindow(new Date(call.requestedAt), zoneOf(call), campaign.window))).toEqual([]);
  expect(calls.filter((call) => campaign.blacklistedPhones.has(call.phone))).toEqual([]);
  expect(calls.filter((call) => campaign.contactPhone.get(call.contactId) !== call.phone)).toEqual([]);
}

export type FinalState = 'reached' | 'exhausted' | 'blacklisted' | 'interrupted' | 'redial';

/**
 * Where a contact's calls leave it under the campaign's redial rules (one redial for busy, rejected
 * and no answer). A lost call is retried, so one that is still the last ended the contact: its
 * retries were used up.
 */
export function finalStateOf(history: readonly Call[]): FinalState {
  if (isLost(history[history.length - 1]!)) return 'interrupted';
  const own = history.filter((call) => !isLost(call));
  const last = own[own.length - 1]!;
  if (last.blacklisted) return 'blacklisted';
  if (last.goalReached) return 'reached';
  // Answered without a goal: reached unless shorter than the short-call rule's 1 s (call-control
  // reports talk in the callees' time, so a time scale does not make every call short).
  if (['completed', 'transferred', 'dropped'].includes(last.outcome)) return last.talkSeconds < 1 ? 'exhausted' : 'reached';
  if (REDIALLED_AFTER.includes(last.outcome)) return own.length < 2 ? 'redial' : 'exhausted';
  // A machine or a failure: no redial for those.
  return 'exhausted';
}

/** Each contact's calls, oldest first. */
export function callsByContact(calls: readonly Call[]): Map<string, Call[]> {
  const callsOf = new Map<string, Call[]>();
  for (const call of [...calls].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))) callsOf.set(call.contactId, [...(callsOf.get(call.contactId) ?? []), call]);
  return callsOf;
}

/**
 * Per contact: at most one redial, only after busy, rejected or no answer, a redial interval
 * later (calls lost to our failures retried on top, never counted as the callee's); nobody called
 * again after a goal or pressing 2; every contact in exactly one state (called to an end, excluded
 * by the blacklist, or waiting for its window), as the report says.
 */
export function expectEveryContactInOneState(campaign: LaunchedCampaign, report: Loose, calls: readonly Call[], redialIntervalSeconds: number): Map<string, Call[]> {
  const { contacts: states, calls: counted } = report;
  const callsOf = callsByContact(calls);
  const byState = { reached: 0, exhausted: 0, blacklisted: 0, interrupted: 0, redial: 0 };
  for (const history of callsOf.values()) {
    byState[finalStateOf(history)] += 1;
    const own = history.filter((call) => !isLost(call));
    expect(own.length).toBeLessThanOrEqual(2);
    const [first, second] = own as [Call, Call | undefined];
    if (second) {
      expect(REDIALLED_AFTER).toContain(first.outcome);
      expect(new Date(second.requestedAt).getTime() - new Date(first.endedAt!).getTime()).toBeGreaterThanOrEqual(redialIntervalSeconds * 1000 - 1000);
    }
  }
  expect(callsOf.size).toBe(campaign.openContacts);
  expect(byState).toEqual({ reached: states.reached, exhausted: states.exhausted, blacklisted: states.blacklisted - campaign.blacklisted.length, interrupted: states.interrupted, redial: 0 });
  // Every call but a contact's last was followed by another: a redial or the retry of a lost call.
  expect(counted.redialsScheduled).toBe([...callsOf.values()].reduce((sum, history) => sum + history.length - 1, 0));
  expect(byState.reached + byState.exhausted + byState.blacklisted + byState.interrupted + campaign.blacklisted.length + campaign.waitingForWindow).toBe(campaign.contacts.length);
  return callsOf;
}

/** Who pressed 2 is on the project's blacklist in audiences (from the call's ContactBlacklisted). */
export async function expectOptOutsInProjectBlacklist(campaign: LaunchedCampaign, calls: readonly Call[]): Promise<void> {
  const { user, projectId } = campaign;
  const optedOut = calls.filter((call) => call.blacklisted).map((call) => call.phone).sort();
  const projectBlacklist = await eventually(
    async () => {
      const segments = await allPages<Loose>(user, `/api/v1/projects/${projectId}/segments`, 100);
      const opted = segments.find((segment) => segment.kind === 'blacklist' && segment.segmentId !== campaign.blacklistSegmentId);
      const phones = opted ? (await allPages<Loose>(user, `/api/v1/segments/${opted.segmentId}/contacts`, 100)).map((contact) => contact.phone as string).sort() : [];
      return phones.length === optedOut.length && phones;
    },
    { timeoutMs: 20_000, intervalMs: 500, what: 'the opt-outs in the project blacklist' },
  );
  expect(projectBlacklist).toEqual(optedOut);
}

/** A call's event timeline (`GET /calls/{id}`). */
export const timelineOf = async (campaign: LaunchedCampaign, call: Call): Promise<Loose[]> => {
  const detail = await campaign.user.get(`/api/v1/calls/${encodeURIComponent(call.callId)}`);
  expect(detail.status).toBe(200);
  return detail.body.timeline as Loose[];
};

/** One goal call's timeline, event by event: the greeting by name, the key 1, the goal's effects. */
export async function expectGoalCallTimeline(campaign: LaunchedCampaign, calls: readonly Call[], greetingText: (callee: AudienceContact) => string | undefined): Promise<void> {
  const goalCall = calls.find((call) => call.goalReached)!;
  const timeline = await timelineOf(campaign, goalCall);
  expect(timeline.map((event) => event.revision)).toEqual(timeline.map((_event, index) => index));
  const types = timeline.map((event) => event.type as string);
  expect(types[0]).toBe('CallRequested');
  expect(types[types.length - 1]).toBe('CallEnded');
  const sequence = ['CallRequested', 'CallOriginated', 'CallRinging', 'CallAnswered', 'PromptPlayed', 'DtmfReceived', 'GoalReached', 'SmsRequested', 'IntegrationRequested', 'CallEnded'];
  expect(types).toEqual(expect.arrayContaining(sequence));
  const positions = sequence.filter((type) => type !== 'PromptPlayed').map((type) => types.indexOf(type));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  const callee = campaign.contacts.find((contact) => contact.phone === goalCall.phone)!;
  const expectedGreeting = greetingText(callee);
  if (expectedGreeting !== undefined) expect(timeline.find((event) => event.type === 'PromptPlayed')?.promptPlayed?.text).toBe(expectedGreeting);
  expect(timeline.filter((event) => event.type === 'DtmfReceived').map((event) => event.dtmf.digit)).toContain('1');
}

/** A person who stays silent hears the question out twice (action wait, in the bot's time), then goodbye. */
export async function expectSilentCallTimeline(campaign: LaunchedCampaign, calls: readonly Call[], actionWaitWallMs: number): Promise<void> {
  const silentCall = calls.find((call) => call.outcome === 'completed')!;
  const silent = await timelineOf(campaign, silentCall);
  expect(silent.filter((event) => event.type === 'DtmfReceived')).toEqual([]);
  const greeted = silent.find((event) => event.type === 'PromptPlayed')!;
  const farewell = silent.find((event) => event.type === 'ScenarioNodeEntered' && event.nodeEntered.nodeId === 'goodbye')!;
  expect(new Date(farewell.at).getTime() - new Date(greeted.at).getTime()).toBeGreaterThanOrEqual(2 * actionWaitWallMs - 10);
  expect(silent.filter((event) => event.type === 'PromptPlayed').map((event) => event.promptPlayed.text)).toContain('До свидания!');
}
