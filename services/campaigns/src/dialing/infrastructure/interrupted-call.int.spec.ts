import { handleCommand } from '@zvonar/eventsourcing';
import { callControlV1, type audiencesV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { campaignDecider, campaignStreamId, type CampaignCommand } from '../../campaign/domain';
import type { InterruptionRetryPolicy } from '../domain';
import { DialingReports } from './dialing-report.queries';
import { aContact, DialerWorld } from './testing/dialer.fixture';

/** Monday 2 March 2026, 04:30 UTC: 09:30 in Yekaterinburg. */
const START = new Date('2026-03-02T04:30:00Z');
const O = callControlV1.CallOutcome;
const INTERRUPTION: InterruptionRetryPolicy = { retryAfterMs: 60_000, maxRetries: 2 };

describeWithPostgres('the dialer when a call is lost to our infrastructure (CALL_OUTCOME_INTERRUPTED)', (serverUrl) => {
  let world: DialerWorld;

  beforeAll(async () => {
    world = await DialerWorld.open(serverUrl, START);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  }, 60_000);

  beforeEach(() => world.clock.set(START));

  type Dialer = Awaited<ReturnType<DialerWorld['startDialer']>>;

  const launch = (dialer: Dialer, campaignId: string, contacts: audiencesV1.SegmentContact[]) => world.launchWithOneAttempt(dialer, campaignId, contacts);

  const outcomeApplied = (attemptId: string) =>
    eventually(async () => (await world.pool.query('SELECT 1 FROM dialing_attempts WHERE attempt_id = $1 AND outcome IS NOT NULL', [attemptId])).rowCount === 1, {
      what: `outcome of ${attemptId}`,
    });

  /** Ends `attemptId` with `outcome` and waits until the dialer applied it. */
  const end = async (attemptId: string, outcome: callControlV1.CallOutcome) => {
    await world.callEnded(attemptId, outcome);
    await outcomeApplied(attemptId);
  };

  /** Steps once and answers the PlaceCalls written since `seen`. */
  const step = async (dialer: Dialer, campaignId: string, seen: number) => {
    await dialer.loop.step();
    return (await world.placeCalls(campaignId)).slice(seen);
  };

  const attempts = async (campaignId: string) =>
    (await world.pool.query('SELECT attempt_id, outcome, redial_scheduled FROM dialing_attempts WHERE campaign_id = $1 ORDER BY attempt', [campaignId])).rows;

  const send = (campaignId: string, command: CampaignCommand) => handleCommand(world.store, campaignStreamId(campaignId), campaignDecider, command, { retry: { onVersionConflict: 5 } });

  const dialerStatus = (campaignId: string, status: string) =>
    eventually(async () => (await world.pool.query('SELECT 1 FROM dialing_campaigns WHERE campaign_id = $1 AND status = $2', [campaignId, status])).rowCount === 1, {
      what: `${campaignId} ${status} in the dialer`,
    });

  it('given a contact with one attempt allowed, when its call is interrupted, then it is dialled again after the delay under a new attempt id, and that call still was its one real attempt', async () => {
    const dialer = await world.startDialer({ manual: true, interruption: INTERRUPTION });
    await launch(dialer, 'campaign-interrupted', [aContact(0, ['Asia/Yekaterinburg'])]);
    const [first] = await step(dialer, 'campaign-interrupted', 0);
    expect(first?.attemptId).toBe('campaign-interrupted:0:1');

    await end(first!.attemptId, O.CALL_OUTCOME_INTERRUPTED);
    expect(await world.contacts('campaign-interrupted')).toMatchObject([{ state: 'waiting', finish_reason: null, due_at: new Date(START.getTime() + 60_000) }]);

    world.clock.advance(60_000 - 1);
    expect(await step(dialer, 'campaign-interrupted', 1)).toEqual([]);
    world.clock.advance(1);
    const [retry] = await step(dialer, 'campaign-interrupted', 1);
    expect(retry?.attemptId).toBe('campaign-interrupted:0:2');
    expect(retry?.contactId).toBe(first!.contactId);

    // No answer ends the contact: its one attempt was the retry, the interruption did not use it.
    await end(retry!.attemptId, O.CALL_OUTCOME_NO_ANSWER);
    expect(await world.contacts('campaign-interrupted')).toMatchObject([{ state: 'finished', finish_reason: 'Exhausted' }]);
    expect(await attempts('campaign-interrupted')).toEqual([
      { attempt_id: 'campaign-interrupted:0:1', outcome: 'Interrupted', redial_scheduled: true },
      { attempt_id: 'campaign-interrupted:0:2', outcome: 'NoAnswer', redial_scheduled: false },
    ]);
    await dialer.stop();
  }, 60_000);

  it('given a trunk that keeps failing, when every call is interrupted, then the contact is retried twice and then ends as Interrupted, every attempt accounted for in the report', async () => {
    const dialer = await world.startDialer({ manual: true, interruption: INTERRUPTION });
    await launch(dialer, 'campaign-broken-trunk', [aContact(1, ['Asia/Yekaterinburg'])]);
    const sent: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const calls = await step(dialer, 'campaign-broken-trunk', sent.length);
      expect(calls).toHaveLength(1);
      sent.push(calls[0]!.attemptId);
      await end(calls[0]!.attemptId, O.CALL_OUTCOME_INTERRUPTED);
      world.clock.advance(INTERRUPTION.retryAfterMs);
    }
    world.clock.advance(3_600_000);
    expect(await step(dialer, 'campaign-broken-trunk', sent.length)).toEqual([]);

    expect(sent).toEqual(['campaign-broken-trunk:0:1', 'campaign-broken-trunk:0:2', 'campaign-broken-trunk:0:3']);
    expect(await world.contacts('campaign-broken-trunk')).toMatchObject([{ state: 'finished', finish_reason: 'Interrupted' }]);
    expect(await attempts('campaign-broken-trunk')).toEqual([
      { attempt_id: 'campaign-broken-trunk:0:1', outcome: 'Interrupted', redial_scheduled: true },
      { attempt_id: 'campaign-broken-trunk:0:2', outcome: 'Interrupted', redial_scheduled: true },
      { attempt_id: 'campaign-broken-trunk:0:3', outcome: 'Interrupted', redial_scheduled: false },
    ]);
    const report = await new DialingReports(world.pool).report('campaign-broken-trunk');
    expect(report).toMatchObject({
      totalContacts: 1,
      contacts: { finished: 1, interrupted: 1, exhausted: 0, other: 0 },
      calls: { placed: 3, interrupted: 3, failed: 0, redialsScheduled: 2, inProgress: 0 },
    });
    await dialer.stop();
  }, 60_000);

  it('given an interrupted contact waiting for its retry, when the campaign is paused, then the retry waits for the resume (it goes through the same claim)', async () => {
    const dialer = await world.startDialer({ manual: true, interruption: INTERRUPTION });
    await launch(dialer, 'campaign-interrupted-pause', [aContact(2, ['Asia/Yekaterinburg'])]);
    const [first] = await step(dialer, 'campaign-interrupted-pause', 0);
    await end(first!.attemptId, O.CALL_OUTCOME_INTERRUPTED);

    await send('campaign-interrupted-pause', { type: 'PauseCampaign', data: { campaignId: 'campaign-interrupted-pause', reason: 'User' }, metadata: { now: world.clock.now() } });
    await dialerStatus('campaign-interrupted-pause', 'paused');
    world.clock.advance(INTERRUPTION.retryAfterMs * 5);
    expect(await step(dialer, 'campaign-interrupted-pause', 1)).toEqual([]);

    await send('campaign-interrupted-pause', { type: 'ResumeCampaign', data: { campaignId: 'campaign-interrupted-pause' }, metadata: { now: world.clock.now() } });
    await dialerStatus('campaign-interrupted-pause', 'running');
    const retry = await step(dialer, 'campaign-interrupted-pause', 1);
    expect(retry.map((call) => call.attemptId)).toEqual(['campaign-interrupted-pause:0:2']);
    await dialer.stop();
  }, 60_000);

  it('given a call that was interrupted after it reached the goal, then the goal wins: the contact is reached and not dialled again', async () => {
    const dialer = await world.startDialer({ manual: true, interruption: INTERRUPTION });
    await launch(dialer, 'campaign-interrupted-goal', [aContact(3, ['Asia/Yekaterinburg'])]);
    const [first] = await step(dialer, 'campaign-interrupted-goal', 0);
    await world.callEnded(first!.attemptId, O.CALL_OUTCOME_INTERRUPTED, { goalReached: true, talkSeconds: 25 });
    await outcomeApplied(first!.attemptId);
    world.clock.advance(INTERRUPTION.retryAfterMs * 2);
    expect(await step(dialer, 'campaign-interrupted-goal', 1)).toEqual([]);
    expect(await world.contacts('campaign-interrupted-goal')).toMatchObject([{ state: 'finished', finish_reason: 'Reached' }]);
    await dialer.stop();
  }, 60_000);
});
