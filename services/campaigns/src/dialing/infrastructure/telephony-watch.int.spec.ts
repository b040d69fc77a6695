import { handleCommand, type EventStore } from '@zvonar/eventsourcing';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { campaignDecider, campaignStreamId, evolve, initialState, type Campaign, type CampaignCommand, type CampaignEvent } from '../../campaign/domain';
import { TelephonyWatch } from '../application/telephony-watch';
import { CampaignTelephonyPauses } from './campaign-telephony-pauses';
import { DialingCampaigns } from './dialing-campaigns.repository';
import { GrpcTelephonyStatus } from './grpc.telephony-status';
import { startFakeCallControlStatus, type FakeCallControlStatus } from './testing/fake-call-control-status.server';
import { aContact, dialerSettings, DialerWorld, logger } from './testing/dialer.fixture';

/** Monday 2 March 2026, 04:30 UTC: 09:30 in Yekaterinburg, inside the window of every contact here. */
const START = new Date('2026-03-02T04:30:00Z');
/** Long enough that a check slowed down by a loaded machine does not count as an outage on its own. */
const GRACE_MS = 1_000;
const CHECK_DEADLINE_MS = 2_000;

/** Log lines the watch wrote, to check each change is logged once. */
const recordingLogger = () => {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (...args: unknown[]) => {
    lines.push({ level, message: String(args.find((arg) => typeof arg === 'string') ?? '') });
  };
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
};

describeWithPostgres('the telephony watch: campaigns pause while call-control is unavailable and resume by themselves', (serverUrl) => {
  let world: DialerWorld;
  let callControl: FakeCallControlStatus;
  const opened: { stop(): Promise<void> | void }[] = [];

  beforeAll(async () => {
    world = await DialerWorld.open(serverUrl, START);
    callControl = await startFakeCallControlStatus();
  }, 60_000);

  afterEach(async () => {
    for (const thing of opened.splice(0).reverse()) await thing.stop();
    callControl.ready = true;
  });

  afterAll(async () => {
    await callControl?.stop();
    await world?.close();
  }, 60_000);

  const stateOf = async (campaignId: string): Promise<Campaign> =>
    (await world.store.readStream<CampaignEvent>(campaignStreamId(campaignId))).events.reduce<Campaign>(evolve, initialState());
  const eventsOf = async (campaignId: string) => (await world.store.readStream<CampaignEvent>(campaignStreamId(campaignId))).events;
  const send = (store: EventStore, campaignId: string, command: CampaignCommand) =>
    handleCommand(store, campaignStreamId(campaignId), campaignDecider, command, { retry: { onVersionConflict: 5 } });

  /** A watch on the fake call-control over real gRPC, pausing through the aggregate on the world's store. */
  const startWatch = (log = recordingLogger()) => {
    const status = new GrpcTelephonyStatus(callControl.url, CHECK_DEADLINE_MS);
    const pauses = new CampaignTelephonyPauses(new DialingCampaigns(world.pool), world.store, world.clock, logger);
    const watch = new TelephonyWatch(status, pauses, log.logger, { checkEveryMs: 50, graceMs: GRACE_MS, startupGraceMs: GRACE_MS, resumeSweepEveryMs: 60_000 });
    watch.start();
    opened.push({ stop: () => status.close() }, watch);
    return { watch, log };
  };

  it('the gRPC adapter reads call-control\'s StatusService: ready, not ready, and unreachable once it is gone', async () => {
    const status = new GrpcTelephonyStatus(callControl.url, CHECK_DEADLINE_MS);
    opened.push({ stop: () => status.close() });
    expect(await status.check()).toEqual({ ready: true });
    callControl.ready = false;
    expect(await status.check()).toEqual({ ready: false, problem: 'call-control reports not ready' });

    const gone = await startFakeCallControlStatus();
    const unreachable = new GrpcTelephonyStatus(gone.url, CHECK_DEADLINE_MS);
    opened.push({ stop: () => unreachable.close() });
    expect(await unreachable.check()).toEqual({ ready: true });
    await gone.stop();
    const answer = await unreachable.check();
    expect(answer.ready).toBe(false);
    expect(answer.ready === false && answer.problem).toMatch(/^unreachable: /);
  });

  it('given running campaigns, when call-control is not ready past the grace period, then they pause (TelephonyUnavailable, by the system), nothing is sent while it lasts, a user pause meanwhile stays, and the others resume and dial on once it is back', async () => {
    const { watch, log } = startWatch();
    const dialer = await world.startDialer({ stepMs: 20, telephony: watch });
    opened.push({ stop: () => dialer.loop.stop() });
    const settings = (audience: string) => dialerSettings({ audienceIds: [audience], pace: { callsPerSecond: 2, callsPerHour: 7_200 }, concurrencyCap: 500 });
    world.audiences.segments.set('audience-outage', Array.from({ length: 300 }, (_, index) => aContact(1_000 + index, ['Asia/Yekaterinburg'])));
    world.audiences.segments.set('audience-outage-user', Array.from({ length: 300 }, (_, index) => aContact(2_000 + index, ['Asia/Yekaterinburg'])));
    await world.startCampaign('campaign-outage', settings('audience-outage'));
    await world.startCampaign('campaign-outage-user', settings('audience-outage-user'));
    // Simulated time runs 5x faster than real time, so the pacer keeps dialing (and leases run out).
    const tick = setInterval(() => world.clock.advance(100), 20);
    try {
      await eventually(async () => (await world.placeCalls('campaign-outage')).length >= 3 && (await world.placeCalls('campaign-outage-user')).length >= 3, {
        what: 'both campaigns dialing',
      });

      // When call-control stops being ready for longer than the grace period.
      const downAt = Date.now();
      const linesBeforeOutage = log.lines.length;
      callControl.ready = false;
      await eventually(async () => (await stateOf('campaign-outage')).status === 'Paused' && (await stateOf('campaign-outage-user')).status === 'Paused', {
        what: 'both campaigns paused for the telephony',
        timeoutMs: 5_000,
      });
      expect(Date.now() - downAt).toBeGreaterThanOrEqual(GRACE_MS);
      expect(await stateOf('campaign-outage')).toMatchObject({ status: 'Paused', pauseReason: 'TelephonyUnavailable' });
      const pause = (await eventsOf('campaign-outage')).find((event) => event.type === 'CampaignPaused');
      expect(pause?.data).toMatchObject({ reason: 'TelephonyUnavailable', by: 'System' });

      // The user pauses one of them during the outage: it becomes the user's pause.
      await send(world.store, 'campaign-outage-user', { type: 'PauseCampaign', data: { campaignId: 'campaign-outage-user', reason: 'User' }, metadata: { now: world.clock.now() } });
      expect(await stateOf('campaign-outage-user')).toMatchObject({ status: 'Paused', pauseReason: 'User' });

      // Nothing is sent while it lasts: no new attempt, and no re-send of a lease that ran out.
      const sentAtPause = (await world.placeCalls()).length;
      const outageSentAtPause = (await world.placeCalls('campaign-outage')).length;
      const steps = dialer.loop.steps;
      await eventually(() => dialer.loop.steps >= steps + 25, { what: '25 dialing steps during the outage' });
      expect(await world.placeCalls()).toHaveLength(sentAtPause);
      const outageLines = () => log.lines.slice(linesBeforeOutage);
      expect(outageLines().filter((line) => line.level === 'warn')).toHaveLength(1);
      expect(outageLines().find((line) => line.level === 'warn')?.message).toMatch(/call-control unavailable past the grace period \(call-control reports not ready\)/);

      // When call-control is ready again.
      callControl.ready = true;
      await eventually(async () => (await stateOf('campaign-outage')).status === 'Running', { what: 'the campaign resumed by itself', timeoutMs: 5_000 });
      const resume = (await eventsOf('campaign-outage')).find((event) => event.type === 'CampaignResumed');
      expect(resume?.data).toMatchObject({ by: 'System' });
      await eventually(async () => (await world.placeCalls('campaign-outage')).length > outageSentAtPause, { what: 'dialing to go on after the outage' });
      expect(outageLines().filter((line) => line.message.startsWith('call-control is back'))).toHaveLength(1);

      // The campaign the user paused stays paused, and sends nothing.
      const userSent = (await world.placeCalls('campaign-outage-user')).length;
      const stepsAfter = dialer.loop.steps;
      await eventually(() => dialer.loop.steps >= stepsAfter + 10, { what: 'ten steps after the outage' });
      expect(await stateOf('campaign-outage-user')).toMatchObject({ status: 'Paused', pauseReason: 'User' });
      expect(await world.placeCalls('campaign-outage-user')).toHaveLength(userSent);
    } finally {
      clearInterval(tick);
      await dialer.loop.stop();
    }
    // Nothing lost, no double dial: every contact called has one attempt id, re-sent at most.
    for (const campaignId of ['campaign-outage', 'campaign-outage-user']) {
      const attemptsByContact = new Map<string, Set<string>>();
      for (const call of await world.placeCalls(campaignId)) attemptsByContact.set(call.contactId, (attemptsByContact.get(call.contactId) ?? new Set()).add(call.attemptId));
      expect([...attemptsByContact.values()].every((attempts) => attempts.size === 1)).toBe(true);
    }
  }, 60_000);

  it('given a campaign left paused for the telephony by a process that died during the outage, when a fresh watch finds call-control ready, then the campaign resumes', async () => {
    const dialer = await world.startDialer({ manual: true });
    opened.push({ stop: () => dialer.stop() });
    world.audiences.segments.set('audience-left', [aContact(3_000, ['Asia/Yekaterinburg'])]);
    await world.startCampaign('campaign-left', dialerSettings({ audienceIds: ['audience-left'] }));
    await send(world.store, 'campaign-left', { type: 'PauseCampaign', data: { campaignId: 'campaign-left', reason: 'TelephonyUnavailable' }, metadata: { now: world.clock.now() } });
    await eventually(
      async () => (await world.pool.query(`SELECT 1 FROM dialing_campaigns WHERE campaign_id = 'campaign-left' AND status = 'paused' AND pause_reason = 'TelephonyUnavailable'`)).rowCount === 1,
      { what: 'the dialer to see the telephony pause' },
    );

    startWatch();

    await eventually(async () => (await stateOf('campaign-left')).status === 'Running', { what: 'the campaign resumed by the fresh watch' });
  }, 30_000);
});
