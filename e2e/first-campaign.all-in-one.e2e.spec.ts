import { createTestDatabase, describeWithPostgres, eventually, exportingTo, OtlpReceiver } from '@zvonar/testing';
import { ConformingClient } from '../services/gateway/test/conforming-client';
import { once404Passes } from '../services/gateway/test/journey';
import { ACTION_WAIT_SECONDS, calleeMix, REDIAL_INTERVAL_SECONDS } from '../tools/demo/src/first-campaign/first-campaign-settings';
import { startAllInOne } from './support/first-campaign/all-in-one-platform';
import {
  endedCalls,
  expectCallsInsideWindowsAndOffBlacklist,
  expectEveryContactInOneState,
  expectGoalCallTimeline,
  expectOptOutsInProjectBlacklist,
  expectReportMatchesCalls,
  expectSilentCallTimeline,
  launchFirstCampaign,
  untilEveryCallableContactIsDone,
  type Call,
} from './support/first-campaign/journey';
import type { ServiceProcess } from './support/service-process';
import { attemptTraces, isCallJourneySpan } from './support/tracing/call-traces';

const PER_CITY = 100;
const BLACKLISTED_PER_CITY = 2;
const TIME_SCALE = 40;

/** A sampled share within `tolerance` of what the mix makes it on average (a loose, not a flaky, bound). */
function expectWithin(actual: number, expected: number, tolerance: number): void {
  expect({ actual, expected, within: Math.abs(actual - expected) <= tolerance }).toEqual({ actual, expected, within: true });
}

/**
 * A marketer's first campaign, end to end, against the all-in-one process (what `npm start` runs)
 * and only through the public REST API on its host port.
 */
describeWithPostgres('the first campaign, end to end, in the all-in-one mode', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let platform: ServiceProcess;
  let api: ConformingClient;
  let traces: OtlpReceiver;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'e2e_first_campaign');
    // The platform exports its spans to a collector of the spec's, which keeps a call's journey.
    traces = await OtlpReceiver.start(isCallJourneySpan);
    platform = await startAllInOne(database.url, TIME_SCALE, exportingTo(traces));
    api = await ConformingClient.of(platform.httpUrl);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await traces?.stop();
    await database?.drop();
  }, 60_000);

  it('calls the audience inside its local windows, redials, and reports what the callees did', async () => {
    // 500 contacts over five zones, the project's simulated callees configured before the import.
    const campaign = await launchFirstCampaign(api, {
      perCity: PER_CITY,
      blacklistedPerCity: BLACKLISTED_PER_CITY,
      callsPerSecond: 20,
      concurrencyCap: 30,
      withProject: async (user, projectId) => {
        const simulation = await once404Passes(() => user.put(`/api/v1/projects/${projectId}/simulation`, { seed: 20261121, mix: calleeMix }), 'call-control to know the project');
        expect(simulation.status).toBe(200);
        expect(simulation.body).toMatchObject({ projectId, configured: true });
      },
    });

    const report = await untilEveryCallableContactIsDone(campaign, 180_000, () => platform.log());
    const calls = await endedCalls(campaign, report.calls.placed);

    expectReportMatchesCalls(report, calls, campaign.contacts.length);
    expectCallsInsideWindowsAndOffBlacklist(campaign, calls);
    expectEveryContactInOneState(campaign, report, calls, REDIAL_INTERVAL_SECONDS);
    await expectOptOutsInProjectBlacklist(campaign, calls);

    // What the callees were configured to do, within sampling error of the first attempts: the
    // attempt ids (random campaign id) seed each call, so counts vary between runs; the bounds are
    // at least 3.5 standard deviations wide (about 390 first calls, about 190 of them people).
    const firsts = calls.filter((call) => call.callId.endsWith(':1'));
    const share = (predicate: (call: Call) => boolean, among: Call[] = firsts) => among.filter(predicate).length / among.length;
    const people = firsts.filter((call) => ['goal', 'blacklist', 'completed'].includes(call.outcome));
    const total = calleeMix.answer + calleeMix.busy + calleeMix.noAnswer;
    const [press1, press2, silence] = calleeMix.replies.map((reply) => reply.weight) as [number, number, number];
    expect(firsts).toHaveLength(campaign.openContacts);
    expectWithin(share((call) => call.outcome === 'busy'), calleeMix.busy / total, 0.08);
    expectWithin(share((call) => call.outcome === 'no_answer'), calleeMix.noAnswer / total, 0.08);
    expectWithin(share((call) => call.outcome === 'machine'), (calleeMix.answer / total) * calleeMix.machineShare, 0.08);
    // The question is asked twice when the first answer is silence: 1 and 2 get a second chance.
    expectWithin(share((call) => call.goalReached, people), press1 * (1 + silence), 0.13);
    expectWithin(share((call) => call.blacklisted, people), press2 * (1 + silence), 0.12);

    // One trace per call: the dial, call-control taking its PlaceCall under it, and campaigns
    // taking its CallEnded, all in the trace of the attempt (spans arrive in batches).
    let untraced: string[] = [];
    await eventually(
      () => {
        const attempts = attemptTraces(traces.spans().kept);
        untraced = calls.map((call) => call.callId).filter((callId) => !(attempts.get(callId)?.placeCallHandled && attempts.get(callId)?.callEndedHandled));
        return untraced.length === 0;
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'every call traced from its dial through call-control and back' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${untraced.length} of ${calls.length} calls, e.g. ${JSON.stringify(untraced.slice(0, 3).map((callId) => attemptTraces(traces.spans().kept).get(callId) ?? callId))}`);
    });

    await expectGoalCallTimeline(campaign, calls, (callee) => `Здравствуйте, ${callee.name}! Это Звонарь.`);
    // The bot's waits run at the time scale on the wall clock.
    await expectSilentCallTimeline(campaign, calls, (ACTION_WAIT_SECONDS * 1000) / TIME_SCALE);
  }, 420_000);
});
