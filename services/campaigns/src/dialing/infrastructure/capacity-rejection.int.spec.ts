import { callControlV1, type audiencesV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { parseAttemptId } from '../domain';
import { CAPACITY_RETRY_SECONDS } from '../integration/call-outcomes.consumer';
import { aContact, DialerWorld, PROJECT } from './testing/dialer.fixture';

/** Monday 2 March 2026, 04:30 UTC: 09:30 in Yekaterinburg. */
const START = new Date('2026-03-02T04:30:00Z');
const R = callControlV1.PlaceCallRejectionReason;

describeWithPostgres('the dialer when call-control has no free channel (PlaceCallRejected NO_FREE_CHANNEL)', (serverUrl) => {
  let world: DialerWorld;

  beforeAll(async () => {
    world = await DialerWorld.open(serverUrl, START);
  }, 60_000);

  afterAll(async () => {
    await world?.close();
  }, 60_000);

  type Dialer = Awaited<ReturnType<DialerWorld['startDialer']>>;

  const launch = (dialer: Dialer, campaignId: string, contacts: audiencesV1.SegmentContact[]) => world.launchWithOneAttempt(dialer, campaignId, contacts);

  const rejected = (attemptId: string, reason: callControlV1.PlaceCallRejectionReason) => {
    const campaignId = parseAttemptId(attemptId)!.campaignId;
    const event: callControlV1.PlaceCallRejected = {
      ...callControlV1.PlaceCallRejected.decode(new Uint8Array(0)),
      callId: `call-${attemptId}`,
      attemptId,
      campaignId,
      projectId: PROJECT,
      reason,
      detail: 'no free channel',
      rejectedAt: world.clock.now(),
    };
    return world.callControl.publish([world.message(`PlaceCallRejected:${attemptId}`, campaignId, 'PlaceCallRejected', callControlV1.PlaceCallRejected.encode(event).finish())]);
  };

  const outcomeApplied = (attemptId: string) =>
    eventually(async () => (await world.pool.query('SELECT 1 FROM dialing_attempts WHERE attempt_id = $1 AND outcome IS NOT NULL', [attemptId])).rowCount === 1, {
      what: `outcome of ${attemptId}`,
    });

  it('given a contact with one attempt allowed, when its PlaceCall is refused for want of a channel, then it is tried again after a short back-off under a new attempt id, and that refusal did not use its attempt', async () => {
    const dialer = await world.startDialer({ manual: true });
    await launch(dialer, 'campaign-capacity', [aContact(0, ['Asia/Yekaterinburg'])]);
    await dialer.loop.step();
    const [first] = await world.placeCalls('campaign-capacity');
    expect(first).toBeDefined();

    await rejected(first!.attemptId, R.PLACE_CALL_REJECTION_REASON_NO_FREE_CHANNEL);
    await outcomeApplied(first!.attemptId);
    expect(await world.contacts('campaign-capacity')).toMatchObject([{ state: 'waiting', finish_reason: null, due_at: new Date(START.getTime() + CAPACITY_RETRY_SECONDS * 1000) }]);

    // Not before the back-off.
    world.clock.advance(CAPACITY_RETRY_SECONDS * 1000 - 1);
    await dialer.loop.step();
    expect(await world.placeCalls('campaign-capacity')).toHaveLength(1);

    world.clock.advance(1);
    await dialer.loop.step();
    const calls = await world.placeCalls('campaign-capacity');
    expect(calls).toHaveLength(2);
    const retry = calls[1]!;
    expect(retry.attemptId).not.toBe(first!.attemptId);
    expect(retry.contactId).toBe(first!.contactId);

    // The retry was the contact's one real attempt: no answer ends it (the refusal did not count).
    await world.callEnded(retry.attemptId, callControlV1.CallOutcome.CALL_OUTCOME_NO_ANSWER);
    await outcomeApplied(retry.attemptId);
    expect(await world.contacts('campaign-capacity')).toMatchObject([{ state: 'finished', finish_reason: 'Exhausted' }]);
    // Both attempts stay accounted for: the refusal as Rejected with its retry scheduled.
    const attempts = (await world.pool.query('SELECT attempt_id, outcome, redial_scheduled FROM dialing_attempts WHERE campaign_id = $1 ORDER BY attempt', ['campaign-capacity'])).rows;
    expect(attempts).toEqual([
      { attempt_id: first!.attemptId, outcome: 'Rejected', redial_scheduled: true },
      { attempt_id: retry.attemptId, outcome: 'NoAnswer', redial_scheduled: false },
    ]);
    await dialer.stop();
  }, 60_000);

  it('given the same, when the refusal is for an invalid number, then the contact is finished (the refusal is about the contact)', async () => {
    const dialer = await world.startDialer({ manual: true });
    await launch(dialer, 'campaign-invalid', [aContact(1, ['Asia/Yekaterinburg'])]);
    await dialer.loop.step();
    const [first] = await world.placeCalls('campaign-invalid');

    await rejected(first!.attemptId, R.PLACE_CALL_REJECTION_REASON_INVALID_NUMBER);
    await outcomeApplied(first!.attemptId);

    expect(await world.contacts('campaign-invalid')).toMatchObject([{ state: 'finished', finish_reason: 'Rejected:INVALID_NUMBER' }]);
    await dialer.stop();
  }, 60_000);
});
