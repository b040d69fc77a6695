import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { callControlV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { campaignStreamId } from '../../campaign/domain';
import { DEFAULT_REDIAL_RULES, maxAttempts, parseAttemptId } from '../domain';
import { PLACE_CALL_TOPIC } from '../integration/place-call.message';
import { aContact, dialerSettings, DialerWorld } from './testing/dialer.fixture';

const O = callControlV1.CallOutcome;
const START = new Date('2026-03-02T06:00:00Z');
const CAMPAIGN = 'campaign-crash';
const CONTACTS = 600;
const CRASHES = 10;
const rules = { ...DEFAULT_REDIAL_RULES, busy: { attempts: 3, intervalSeconds: 60 }, noAnswer: { attempts: 2, intervalSeconds: 60 } };

/**
 * What each simulated callee does, by contact index: 0 answers, 1 is busy once then answers,
 * 2 never answers (two attempts, then exhausted), 3 reaches the goal.
 */
const behaviour = (contactIndex: number, attempt: number): { outcome: callControlV1.CallOutcome; goal: boolean } => {
  switch (contactIndex % 4) {
    case 1:
      return { outcome: attempt === 1 ? O.CALL_OUTCOME_BUSY : O.CALL_OUTCOME_COMPLETED, goal: false };
    case 2:
      return { outcome: O.CALL_OUTCOME_NO_ANSWER, goal: false };
    case 3:
      return { outcome: O.CALL_OUTCOME_GOAL, goal: true };
    default:
      return { outcome: O.CALL_OUTCOME_COMPLETED, goal: false };
  }
};
const expected = (contactIndex: number): { attempts: number; reason: string } =>
  [
    { attempts: 1, reason: 'Reached' },
    { attempts: 2, reason: 'Reached' },
    { attempts: 2, reason: 'Exhausted' },
    { attempts: 1, reason: 'Reached' },
  ][contactIndex % 4]!;

describeWithPostgres('the dialer killed 10 times during a campaign (PostgreSQL + embedded bus)', (serverUrl) => {
  let world: DialerWorld;
  let telephonyBus: PostgresIntegrationBus;

  beforeAll(async () => {
    world = await DialerWorld.open(serverUrl, START);
    telephonyBus = await PostgresIntegrationBus.connect({ pool: world.pool, schema: 'campaigns', pollIntervalMs: 20 });
  });

  afterAll(async () => {
    await telephonyBus?.close();
    await world?.close();
  });

  it('finishes every contact exactly as its callee behaves: no contact lost, none dialled twice at once, no attempt id reused', async () => {
    // Two segments overlapping by 50 numbers: the overlap is loaded once.
    const contacts = Array.from({ length: CONTACTS }, (_, index) => aContact(index, ['Asia/Yekaterinburg']));
    world.audiences.segments.set('crash-a', contacts.slice(0, 350));
    world.audiences.segments.set('crash-b', contacts.slice(300));

    // The simulated call-control: dedupes on attempt id as the real one does, remembers which
    // contact each attempt id belongs to, and answers every new attempt at once, except every
    // 7th, whose PlaceCall is "lost" (only its lease expiry and re-send bring the outcome).
    const violations: string[] = [];
    const contactOfAttempt = new Map<string, string>();
    const openAttemptOfContact = new Map<string, string>();
    const attemptsOfContact = new Map<string, number[]>();
    let seen = 0;
    const telephony = await telephonyBus.subscribe({
      group: 'simulated-call-control',
      topics: [PLACE_CALL_TOPIC],
      decode: (payload) => callControlV1.PlaceCall.decode(payload),
      handle: async (call) => {
        const known = contactOfAttempt.get(call.attemptId);
        if (known !== undefined && known !== call.contactId) violations.push(`${call.attemptId} sent for ${known} and ${call.contactId}`);
        const open = openAttemptOfContact.get(call.contactId);
        if (known === undefined && open !== undefined) violations.push(`${call.contactId} dialled with ${call.attemptId} while ${open} was in progress`);
        if (known !== undefined) {
          if (open !== call.attemptId) return; // a re-send of an attempt that already ended: deduped, never rings
        } else {
          contactOfAttempt.set(call.attemptId, call.contactId);
          openAttemptOfContact.set(call.contactId, call.attemptId);
          attemptsOfContact.set(call.contactId, [...(attemptsOfContact.get(call.contactId) ?? []), parseAttemptId(call.attemptId)!.attempt]);
          seen += 1;
          if (seen % 7 === 0) return;
        }
        const { contactIndex, attempt } = parseAttemptId(call.attemptId)!;
        const { outcome, goal } = behaviour(contactIndex, attempt);
        openAttemptOfContact.delete(call.contactId);
        await world.callEnded(call.attemptId, outcome, { contactId: call.contactId, goalReached: goal, talkSeconds: outcome === O.CALL_OUTCOME_NO_ANSWER || outcome === O.CALL_OUTCOME_BUSY ? 0 : 30 });
      },
    });

    const settings = dialerSettings({ audienceIds: ['crash-a', 'crash-b'], pace: { callsPerSecond: 100, callsPerHour: 360_000 }, concurrencyCap: 40, redialRules: rules });
    // Simulated time runs 200 times faster than real time: leases (15 min) expire within seconds.
    const tick = setInterval(() => world.clock.advance(2_000), 10);
    try {
      let current = await world.startDialer({ relay: true, loadBatch: 50 });
      await world.startCampaign(CAMPAIGN, settings);
      for (let crash = 0; crash < CRASHES; crash += 1) {
        const runFor = 150 + Math.floor(Math.random() * 450);
        const startedSteps = current.loop.steps;
        await eventually(() => current.loop.steps >= startedSteps + Math.ceil(runFor / 20), { what: 'the dialer to run a while', timeoutMs: 20_000 });
        // The next process starts before the old one dies half the time: two processes share the work.
        const overlap = crash % 2 === 0;
        const next = overlap ? await world.startDialer({ relay: true, loadBatch: 50 }) : undefined;
        await world.crash(current.name);
        current = next ?? (await world.startDialer({ relay: true, loadBatch: 50 }));
      }
      await eventually(
        async () => (await world.pool.query(`SELECT count(*)::int AS n FROM dialing_contacts WHERE campaign_id = $1 AND state <> 'finished'`, [CAMPAIGN])).rows[0].n === 0 && (await world.contacts(CAMPAIGN)).length === CONTACTS,
        { what: 'every contact finished', timeoutMs: 90_000, intervalMs: 100 },
      );
      await eventually(async () => (await world.store.readStream(campaignStreamId(CAMPAIGN))).events.some((event) => event.type === 'CampaignCompleted'), { what: 'the campaign to complete' });
    } finally {
      clearInterval(tick);
      await telephony.stop();
    }

    expect(violations).toEqual([]);
    const rows = await world.contacts(CAMPAIGN);
    // Loaded once each, numbered in segment order, whatever the crashes did to the load.
    expect(rows.map((row) => row.phone)).toEqual(contacts.map((contact) => contact.phone));
    const limit = maxAttempts(rules);
    for (const row of rows) {
      const want = expected(row.contact_index);
      expect({ index: row.contact_index, state: row.state, reason: row.finish_reason, attempt: row.attempt }).toEqual({ index: row.contact_index, state: 'finished', reason: want.reason, attempt: want.attempts });
      expect(attemptsOfContact.get(`contact-${row.contact_index}`)).toEqual(Array.from({ length: want.attempts }, (_, index) => index + 1));
      expect(row.attempt).toBeLessThanOrEqual(limit);
    }
    const completed = (await world.store.readStream(campaignStreamId(CAMPAIGN))).events.filter((event) => event.type === 'CampaignCompleted');
    expect(completed).toHaveLength(1);
    const goals = (await world.pool.query(`SELECT count(*)::int AS n FROM dialing_goals WHERE campaign_id = $1`, [CAMPAIGN])).rows[0].n;
    expect(goals).toBe(CONTACTS / 4);
  }, 180_000);
});
