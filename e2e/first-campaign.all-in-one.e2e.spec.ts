import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { ConformingClient } from '../services/gateway/test/conforming-client';
import { once404Passes, signedUpUser } from '../services/gateway/test/journey';
import type { Loose } from '../services/gateway/test/rest-client';
import { startAllInOne } from './support/first-campaign/all-in-one-platform';
import { chooseWindow, isInsideWindow } from './support/first-campaign/calling-window-choice';
import { ACTION_WAIT_SECONDS, calleeMix, firstCampaignScenario, firstCampaignSettings, REDIAL_INTERVAL_SECONDS } from '../tools/demo/src/first-campaign/first-campaign-settings';
import { allPages } from './support/first-campaign/rest-pages';
import { audienceCsv, audienceCustomFields, audienceImportRequest, blacklistedOf, CITIES, zonedAudience, type CityZone } from '../tools/demo/src/first-campaign/zoned-audience';
import type { ServiceProcess } from './support/service-process';

const PER_CITY = 100;
const BLACKLISTED_PER_CITY = 2;
const TIME_SCALE = 40;

/** A sampled share within `tolerance` of what the mix makes it on average (a loose, not a flaky, bound). */
function expectWithin(actual: number, expected: number, tolerance: number): void {
  expect({ actual, expected, within: Math.abs(actual - expected) <= tolerance }).toEqual({ actual, expected, within: true });
}

type Call = {
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

/**
 * A marketer's first campaign, end to end, against the all-in-one process (what `npm start` runs)
 * and only through the public REST API on its host port.
 */
describeWithPostgres('the first campaign, end to end, in the all-in-one mode', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let platform: ServiceProcess;
  let api: ConformingClient;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'e2e_first_campaign');
    platform = await startAllInOne(database.url, TIME_SCALE);
    api = await ConformingClient.of(platform.httpUrl);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
  }, 60_000);

  it('calls the audience inside its local windows, redials, and reports what the callees did', async () => {
    // Registered and confirmed through the dev outbox, signed in.
    const { client: user } = await signedUpUser(api);

    // A project with the custom fields the audience fills.
    const project = await user.post('/api/v1/projects', {
      name: 'Первый обзвон',
      customFields: audienceCustomFields,
    });
    expect(project.status).toBe(201);
    const projectId = project.body.projectId as string;

    // The simulated callees of the project.
    const simulation = await once404Passes(() => user.put(`/api/v1/projects/${projectId}/simulation`, { seed: 20261121, mix: calleeMix }), 'call-control to know the project');
    expect(simulation.status).toBe(200);
    expect(simulation.body).toMatchObject({ projectId, configured: true });

    // 500 contacts in five zones, imported from a CSV; a blacklist segment of ten of them.
    const contacts = zonedAudience(PER_CITY);
    const blacklisted = blacklistedOf(contacts, BLACKLISTED_PER_CITY);
    const audience = await once404Passes(() => user.post(`/api/v1/projects/${projectId}/segments`, { name: 'База', kind: 'audience' }), 'audiences to know the project');
    expect(audience.status).toBe(201);
    const audienceId = audience.body.segment.segmentId as string;
    const csv = audienceCsv(contacts);
    const upload = await user.post(`/api/v1/projects/${projectId}/imports?fileName=base.csv`, csv, { 'content-type': 'text/csv' });
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
    const contactPhone = new Map(imported.map((contact) => [contact.contactId as string, contact.phone as string]));

    // The scenario, published.
    const scenario = await once404Passes(() => user.post(`/api/v1/projects/${projectId}/scenarios`, { name: 'Предложение', graph: firstCampaignScenario() }), 'scenarios to know the project');
    expect(scenario.status).toBe(201);
    expect(scenario.body.draftIssues).toEqual([]);
    const published = await user.post(`/api/v1/scenarios/${scenario.body.scenarioId}/versions`, { expectedRevision: scenario.body.draftRevision });
    expect(published.status).toBe(201);

    // A daily window open now in most zones and closed in at least one, for the whole run.
    const now = new Date();
    const { window, open, closed } = chooseWindow(now, CITIES.map((city) => city.zone), 20);
    const campaign = await once404Passes(
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
            callsPerSecond: 20,
            concurrencyCap: 30,
          }),
        }),
      'campaigns to know the project',
    );
    expect(campaign.status).toBe(201);
    const campaignId = campaign.body.campaignId as string;

    const launched = await user.post(`/api/v1/campaigns/${campaignId}/launch`, {});
    expect(launched.status).toBe(200);

    // Done with every contact it may call now: nothing in a call, nothing left to redial; only the
    // closed zones' contacts still waiting for their window.
    const blacklistedPhones = new Set(blacklisted.map((contact) => contact.phone));
    const waitingForWindow = contacts.filter((contact) => closed.includes(contact.zone) && !blacklistedPhones.has(contact.phone)).length;
    let lastReport: Loose;
    const report = await eventually(
      async () => {
        const answer = await user.get(`/api/v1/campaigns/${campaignId}/report`);
        lastReport = answer.body;
        const { contacts: states, calls } = answer.body;
        return answer.status === 200 && answer.body.audienceLoaded && states.inCall === 0 && states.awaitingResend === 0 && calls.inProgress === 0 && states.waiting === waitingForWindow && answer.body;
      },
      { timeoutMs: 180_000, intervalMs: 1_000, what: 'the campaign to finish every contact it may call now' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last report ${JSON.stringify(lastReport)}\n${platform.log()}`);
    });

    // call-control's calls read model follows its own events, so it may still show a call as in
    // progress that the campaign's report already counts as ended: wait for it to catch up.
    let lastCalls: Call[] = [];
    const calls = await eventually(
      async () => {
        lastCalls = await allPages<Call>(user, `/api/v1/projects/${projectId}/calls?campaignId=${campaignId}`, 100);
        return lastCalls.length === report.calls.placed && lastCalls.every((call) => call.status === 'ended') && lastCalls;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: "call-control's calls to show every placed call ended" },
    ).catch((error: Error) => {
      const unfinished = lastCalls.filter((call) => call.status !== 'ended');
      throw new Error(`${error.message}; ${lastCalls.length} listed of ${report.calls.placed} placed; not ended: ${JSON.stringify(unfinished.slice(0, 5))}`);
    });
    const phoneZone = new Map(imported.map((contact) => [contact.phone as string, (contact.timeZones as CityZone[])[0]!]));

    // The report adds up, and matches the calls call-control recorded, outcome by outcome.
    const { contacts: states, calls: counted } = report;
    expect(states.waiting + states.inCall + states.awaitingResend + states.finished).toBe(report.totalContacts);
    expect(states.reached + states.exhausted + states.blacklisted + states.outsideEveryWindow + states.other).toBe(states.finished);
    expect(report.finishedContacts).toBe(states.finished);
    expect(report.totalContacts).toBe(contacts.length);
    expect(calls.every((call) => call.status === 'ended')).toBe(true);
    const withOutcome = (...outcomes: string[]) => calls.filter((call) => outcomes.includes(call.outcome)).length;
    expect({
      placed: calls.length,
      answered: withOutcome('goal', 'blacklist', 'completed', 'transferred', 'dropped'),
      goals: calls.filter((call) => call.goalReached).length,
      blacklisted: calls.filter((call) => call.blacklisted).length,
      answeringMachines: withOutcome('machine'),
      notAnswered: withOutcome('no_answer'),
      busy: withOutcome('busy', 'rejected'),
      failed: calls.length - withOutcome('goal', 'blacklist', 'completed', 'transferred', 'dropped', 'machine', 'no_answer', 'busy', 'rejected'),
      inProgress: 0,
    }).toEqual({ placed: counted.placed, answered: counted.answered, goals: counted.goals, blacklisted: counted.blacklisted, answeringMachines: counted.answeringMachines, notAnswered: counted.notAnswered, busy: counted.busy, failed: counted.failed, inProgress: counted.inProgress });
    expect(withOutcome('goal')).toBe(counted.goals);
    expect(withOutcome('blacklist')).toBe(counted.blacklisted);

    // No call outside the contact's local window; none to the closed zones nor to the blacklist.
    expect(calls.filter((call) => !open.includes(phoneZone.get(call.phone)!))).toEqual([]);
    expect(calls.filter((call) => !isInsideWindow(new Date(call.requestedAt), phoneZone.get(call.phone)!, window))).toEqual([]);
    expect(calls.filter((call) => blacklistedPhones.has(call.phone))).toEqual([]);
    expect(calls.every((call) => contactPhone.get(call.contactId) === call.phone)).toBe(true);

    // Per contact: its calls in order; at most one redial, only after busy or no answer, a redial
    // interval later; nobody called again after a goal or pressing 2.
    const callsOf = new Map<string, Call[]>();
    for (const call of [...calls].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))) callsOf.set(call.contactId, [...(callsOf.get(call.contactId) ?? []), call]);
    const finalState = (history: Call[]): 'reached' | 'exhausted' | 'blacklisted' | 'redial' => {
      const last = history[history.length - 1]!;
      if (last.blacklisted) return 'blacklisted';
      if (last.goalReached) return 'reached';
      // Answered without a goal: reached unless shorter than the short-call rule's 1 s (call-control
      // reports talk in simulated seconds, so a time scale does not make every call short).
      if (['completed', 'transferred', 'dropped'].includes(last.outcome)) return last.talkSeconds < 1 ? 'exhausted' : 'reached';
      if (['busy', 'rejected', 'no_answer'].includes(last.outcome)) return history.length < 2 ? 'redial' : 'exhausted';
      return 'exhausted';
    };
    const byState = { reached: 0, exhausted: 0, blacklisted: 0, redial: 0 };
    for (const history of callsOf.values()) {
      byState[finalState(history)] += 1;
      expect(history.length).toBeLessThanOrEqual(2);
      const [first, second] = history as [Call, Call | undefined];
      if (second) {
        expect(['busy', 'rejected', 'no_answer']).toContain(first.outcome);
        expect(new Date(second.requestedAt).getTime() - new Date(first.endedAt!).getTime()).toBeGreaterThanOrEqual(REDIAL_INTERVAL_SECONDS * 1000 - 1000);
      }
    }
    const openContacts = contacts.filter((contact) => open.includes(contact.zone) && !blacklistedPhones.has(contact.phone)).length;
    expect(callsOf.size).toBe(openContacts);
    expect(byState).toEqual({ reached: states.reached, exhausted: states.exhausted, blacklisted: states.blacklisted - blacklisted.length, redial: 0 });
    expect(counted.redialsScheduled).toBe([...callsOf.values()].filter((history) => history.length === 2).length);
    // Every contact in exactly one state: called to an end, excluded by the blacklist, or waiting for its window.
    expect(byState.reached + byState.exhausted + byState.blacklisted + blacklisted.length + waitingForWindow).toBe(contacts.length);

    // Who pressed 2 is on the project's blacklist in audiences (from the call's ContactBlacklisted).
    const optedOut = calls.filter((call) => call.blacklisted).map((call) => call.phone).sort();
    const projectBlacklist = await eventually(
      async () => {
        const segments = await allPages<Loose>(user, `/api/v1/projects/${projectId}/segments`, 100);
        const opted = segments.find((segment) => segment.kind === 'blacklist' && segment.segmentId !== blacklist.body.segment.segmentId);
        const phones = opted ? (await allPages<Loose>(user, `/api/v1/segments/${opted.segmentId}/contacts`, 100)).map((contact) => contact.phone as string).sort() : [];
        return phones.length === optedOut.length && phones;
      },
      { timeoutMs: 20_000, intervalMs: 500, what: 'the opt-outs in the project blacklist' },
    );
    expect(projectBlacklist).toEqual(optedOut);

    // What the callees were configured to do, within sampling error of the first attempts: the
    // attempt ids (random campaign id) seed each call, so counts vary between runs; the bounds are
    // at least 3.5 standard deviations wide (about 390 first calls, about 190 of them people).
    const firsts = calls.filter((call) => call.callId.endsWith(':1'));
    const share = (predicate: (call: Call) => boolean, among: Call[] = firsts) => among.filter(predicate).length / among.length;
    const people = firsts.filter((call) => ['goal', 'blacklist', 'completed'].includes(call.outcome));
    const total = calleeMix.answer + calleeMix.busy + calleeMix.noAnswer;
    const [press1, press2, silence] = calleeMix.replies.map((reply) => reply.weight) as [number, number, number];
    expect(firsts).toHaveLength(openContacts);
    expectWithin(share((call) => call.outcome === 'busy'), calleeMix.busy / total, 0.08);
    expectWithin(share((call) => call.outcome === 'no_answer'), calleeMix.noAnswer / total, 0.08);
    expectWithin(share((call) => call.outcome === 'machine'), (calleeMix.answer / total) * calleeMix.machineShare, 0.08);
    // The question is asked twice when the first answer is silence: 1 and 2 get a second chance.
    expectWithin(share((call) => call.goalReached, people), press1 * (1 + silence), 0.13);
    expectWithin(share((call) => call.blacklisted, people), press2 * (1 + silence), 0.12);

    // One goal call's timeline, event by event.
    const goalCall = calls.find((call) => call.goalReached)!;
    const detail = await user.get(`/api/v1/calls/${encodeURIComponent(goalCall.callId)}`);
    expect(detail.status).toBe(200);
    const timeline = detail.body.timeline as Loose[];
    expect(timeline.map((event) => event.revision)).toEqual(timeline.map((_event, index) => index));
    const types = timeline.map((event) => event.type as string);
    expect(types[0]).toBe('CallRequested');
    expect(types[types.length - 1]).toBe('CallEnded');
    expect(types).toEqual(expect.arrayContaining(['CallOriginated', 'CallRinging', 'CallAnswered', 'PromptPlayed', 'DtmfReceived', 'GoalReached', 'SmsRequested', 'IntegrationRequested']));
    const inOrder = (...sequence: string[]) => sequence.map((type) => types.indexOf(type));
    expect(inOrder('CallRequested', 'CallOriginated', 'CallRinging', 'CallAnswered', 'DtmfReceived', 'GoalReached', 'SmsRequested', 'IntegrationRequested', 'CallEnded')).toEqual(
      [...inOrder('CallRequested', 'CallOriginated', 'CallRinging', 'CallAnswered', 'DtmfReceived', 'GoalReached', 'SmsRequested', 'IntegrationRequested', 'CallEnded')].sort((a, b) => a - b),
    );
    const callee = contacts.find((contact) => contact.phone === goalCall.phone)!;
    expect(timeline.find((event) => event.type === 'PromptPlayed')?.promptPlayed?.text).toBe(`Здравствуйте, ${callee.name}! Это Звонарь.`);
    expect(timeline.filter((event) => event.type === 'DtmfReceived').map((event) => event.dtmf.digit)).toContain('1');

    // A person who stays silent hears the question out twice (action wait, scaled), then goodbye.
    const silentCall = calls.find((call) => call.outcome === 'completed')!;
    const silent = (await user.get(`/api/v1/calls/${encodeURIComponent(silentCall.callId)}`)).body.timeline as Loose[];
    expect(silent.filter((event) => event.type === 'DtmfReceived')).toEqual([]);
    const greeted = silent.find((event) => event.type === 'PromptPlayed')!;
    const farewell = silent.find((event) => event.type === 'ScenarioNodeEntered' && event.nodeEntered.nodeId === 'goodbye')!;
    expect(new Date(farewell.at).getTime() - new Date(greeted.at).getTime()).toBeGreaterThanOrEqual((2 * ACTION_WAIT_SECONDS * 1000) / TIME_SCALE - 10);
    expect(silent.filter((event) => event.type === 'PromptPlayed').map((event) => event.promptPlayed.text)).toContain('До свидания!');
  }, 420_000);
});
