import { handleCommand } from '@zvonar/eventsourcing';
import { audiencesV1, callControlV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { isCallableAt, resolveSchedule } from '../../calling-window/domain';
import { campaignDecider, campaignStreamId, DEFAULT_SETTINGS, type CampaignCommand } from '../../campaign/domain';
import { BLACKLIST_TOPIC } from '../../blacklist/blacklist.consumer';
import { parseAttemptId } from '../domain';
import { aContact, dialerSettings, DialerWorld, PROJECT } from './testing/dialer.fixture';

const O = callControlV1.CallOutcome;
/** Monday 2 March 2026, 04:30 UTC: 07:30 in Moscow (closed), 09:30 in Yekaterinburg and 14:30 in Vladivostok (open). */
const START = new Date('2026-03-02T04:30:00Z');
// Each test drives a dialer loop through many steps over real PostgreSQL: on a loaded CI machine
// that outlasts jest's 5 s default. What is timed (the pause latency) is asserted on its own.
jest.setTimeout(30_000);

describeWithPostgres('the dialer on PostgreSQL (attempt table, claims, outcomes)', (serverUrl) => {
  let world: DialerWorld;

  beforeAll(async () => {
    world = await DialerWorld.open(serverUrl, START);
  });

  afterAll(async () => {
    await world?.close();
  });

  beforeEach(() => world.clock.set(START));

  type Dialer = Awaited<ReturnType<DialerWorld['startDialer']>>;

  /** Starts the campaign over `contacts` and steps until its audience is in the attempt table. */
  const launch = async (dialer: Dialer, campaignId: string, contacts: audiencesV1.SegmentContact[], settings = dialerSettings(), projectId = PROJECT) => {
    world.audiences.segments.set(settings.audienceIds[0]!, contacts);
    await world.startCampaign(campaignId, settings, projectId);
    await eventually(
      async () => {
        await dialer.loop.step();
        const { rows } = await world.pool.query('SELECT loaded FROM dialing_campaigns WHERE campaign_id = $1', [campaignId]);
        return rows[0]?.loaded === true;
      },
      { what: `campaign ${campaignId} loaded` },
    );
  };

  const stepAndCollect = async (dialer: Dialer, campaignId: string, seen: number) => {
    await dialer.loop.step();
    return (await world.placeCalls(campaignId)).slice(seen);
  };

  /** Steps a second of simulated time at a time until `count` calls went out (an idle pacer starts with one call). */
  const dialUntil = async (dialer: Dialer, campaignId: string, count: number) => {
    for (let second = 0; second < 10; second += 1) {
      await dialer.loop.step();
      if ((await world.placeCalls(campaignId)).length >= count) break;
      world.clock.advance(1_000);
    }
    return world.placeCalls(campaignId);
  };

  const outcomeApplied = (attemptId: string) =>
    eventually(async () => (await world.pool.query('SELECT 1 FROM dialing_attempts WHERE attempt_id = $1 AND outcome IS NOT NULL', [attemptId])).rowCount === 1, {
      what: `outcome of ${attemptId}`,
    });

  const send = (campaignId: string, command: CampaignCommand) => handleCommand(world.store, campaignStreamId(campaignId), campaignDecider, command, { retry: { onVersionConflict: 5 } });

  it('dials only inside each contact\'s local window, one call a second, never more than the cap at once', async () => {
    const dialer = await world.startDialer({ manual: true });
    const zones = [
      ...[0, 1, 2].map(() => ['Asia/Yekaterinburg']),
      ...[3, 4, 5].map(() => ['Asia/Vladivostok']),
      ...[6, 7, 8].map(() => ['Europe/Moscow']),
      ['Europe/Kaliningrad'],
      [],
      // A mobile number that may be in Moscow or in Vladivostok: only the overlap of both windows.
      ['Europe/Moscow', 'Asia/Vladivostok'],
    ];
    const contacts = zones.map((zone, index) => aContact(index, zone));
    const settings = dialerSettings({
      pace: { callsPerSecond: 1, callsPerHour: 3600 },
      concurrencyCap: 3,
      schedule: { ...DEFAULT_SETTINGS.schedule, startDate: '2026-03-01', startTime: '00:00' },
    });
    await launch(dialer, 'campaign-window', contacts, settings);

    const calls: { attemptId: string; at: number }[] = [];
    const inFlight = new Set<string>();
    const step = async () => {
      const fresh = await stepAndCollect(dialer, 'campaign-window', calls.length);
      for (const call of fresh) {
        calls.push({ attemptId: call.attemptId, at: call.requestedAt!.getTime() });
        inFlight.add(call.attemptId);
      }
      expect(inFlight.size).toBeLessThanOrEqual(3);
      return fresh.length;
    };
    const endAll = async () => {
      for (const attemptId of inFlight) {
        await world.callEnded(attemptId, O.CALL_OUTCOME_COMPLETED, { talkSeconds: 30 });
        await outcomeApplied(attemptId);
      }
      inFlight.clear();
    };

    // Given the pace of one call a second: one dial per second, then the cap holds the fourth.
    expect(await step()).toBe(1);
    expect(await step()).toBe(0);
    world.clock.advance(1000);
    expect(await step()).toBe(1);
    world.clock.advance(1000);
    expect(await step()).toBe(1);
    world.clock.advance(1000);
    expect(await step()).toBe(0);
    expect(inFlight.size).toBe(3);

    // Calls end; the rest of the open zones go out at the pace, then nothing until 05:00 UTC.
    for (let second = 0; second < 8; second += 1) {
      await endAll();
      world.clock.advance(1000);
      await step();
    }
    const before = calls.length;
    expect(before).toBe(6);
    world.clock.set('2026-03-02T05:00:00Z');
    for (let second = 0; second < 8; second += 1) {
      await endAll();
      await step();
      world.clock.advance(1000);
    }
    world.clock.set('2026-03-02T06:00:00Z');
    for (let second = 0; second < 3; second += 1) {
      await endAll();
      await step();
      world.clock.advance(1000);
    }
    await endAll();

    // Then: every contact with a zone was called once, inside its own window.
    const schedule = resolveSchedule(settings.schedule);
    const byIndex = new Map(calls.map((call) => [parseAttemptId(call.attemptId)!.contactIndex, call]));
    expect([...byIndex.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
    for (const call of calls) {
      const index = parseAttemptId(call.attemptId)!.contactIndex;
      expect(isCallableAt({ zones: zones[index]! }, schedule, call.at)).toBe(true);
    }
    // No one-second span holds more than ceil(rate) = 1 dial.
    const sorted = calls.map((call) => call.at).sort((a, b) => a - b);
    sorted.forEach((at, index) => index > 0 && expect(at - sorted[index - 1]!).toBeGreaterThanOrEqual(1000));
    const rows = await world.contacts('campaign-window');
    expect(rows.find((row) => row.contact_index === 10)).toMatchObject({ state: 'finished', finish_reason: 'NoTimeZone', attempt: 0 });
    expect(rows.filter((row) => row.contact_index !== 10).every((row) => row.state === 'finished' && row.finish_reason === 'Reached')).toBe(true);
  });

  it('redials a busy contact after the busy interval with the next attempt number', async () => {
    const dialer = await world.startDialer({ manual: true });
    await launch(dialer, 'campaign-busy', [aContact(0, ['Asia/Yekaterinburg'])]);
    const [first] = await stepAndCollect(dialer, 'campaign-busy', 0);
    expect(first?.attemptId).toBe('campaign-busy:0:1');

    await world.callEnded(first!.attemptId, O.CALL_OUTCOME_BUSY);
    await outcomeApplied(first!.attemptId);
    const busyInterval = DEFAULT_SETTINGS.redialRules.busy.intervalSeconds * 1000;
    world.clock.advance(busyInterval - 1000);
    expect(await stepAndCollect(dialer, 'campaign-busy', 1)).toEqual([]);
    world.clock.advance(1000);
    const redial = await stepAndCollect(dialer, 'campaign-busy', 1);
    expect(redial.map((call) => call.attemptId)).toEqual(['campaign-busy:0:2']);
    const attempts = await world.pool.query('SELECT attempt_id, outcome, redial_scheduled FROM dialing_attempts WHERE campaign_id = $1 ORDER BY attempt', ['campaign-busy']);
    expect(attempts.rows).toEqual([
      { attempt_id: 'campaign-busy:0:1', outcome: 'Busy', redial_scheduled: true },
      { attempt_id: 'campaign-busy:0:2', outcome: null, redial_scheduled: false },
    ]);
  });

  it('re-sends the same attempt id when a lease expires without an outcome, and applies the late outcome once', async () => {
    const dialer = await world.startDialer({ manual: true });
    const settings = dialerSettings();
    await launch(dialer, 'campaign-lease', [aContact(0, ['Asia/Yekaterinburg'])], settings);
    const [first] = await stepAndCollect(dialer, 'campaign-lease', 0);
    const leaseMs = first!.leaseExpiresAt!.getTime() - first!.requestedAt!.getTime();
    expect(leaseMs).toBe(settings.answerWaitSeconds * 1000 + 15 * 60_000);

    world.clock.advance(leaseMs - 1);
    expect(await stepAndCollect(dialer, 'campaign-lease', 1)).toEqual([]);
    world.clock.advance(1);
    const resent = await stepAndCollect(dialer, 'campaign-lease', 1);
    expect(resent.map((call) => [call.attemptId, call.messageId])).toEqual([['campaign-lease:0:1', 'PlaceCall:campaign-lease:0:1:2']]);

    await world.callEnded(first!.attemptId, O.CALL_OUTCOME_COMPLETED, { talkSeconds: 40 });
    await world.callEnded(first!.attemptId, O.CALL_OUTCOME_COMPLETED, { talkSeconds: 40 });
    await outcomeApplied(first!.attemptId);
    world.clock.advance(leaseMs * 2);
    expect(await stepAndCollect(dialer, 'campaign-lease', 2)).toEqual([]);
    expect(await world.contacts('campaign-lease')).toMatchObject([{ state: 'finished', finish_reason: 'Reached', attempt: 1 }]);
  });

  it('never sends a blacklisted number: blacklist segments, numbers the stream marks, the project blacklist and the account do-not-call list', async () => {
    const dialer = await world.startDialer({ manual: true });
    const publish = (type: 'BlacklistEntryAdded', entry: audiencesV1.BlacklistEntryAdded) =>
      world.audiencesBus.publish([
        {
          messageId: `${type}:${entry.scope}:${entry.phone}`,
          topic: BLACKLIST_TOPIC,
          key: entry.accountId,
          type: `zvonar.audiences.v1.${type}`,
          payload: audiencesV1.BlacklistEntryAdded.encode(entry).finish(),
          occurredAt: world.clock.now(),
          headers: {},
        },
      ]);
    const contacts = [0, 1, 2, 3, 4, 5].map((index) => aContact(100 + index, ['Asia/Yekaterinburg']));
    // Audiences marks a number it knows to be blacklisted in the stream itself.
    contacts[5] = { ...contacts[5]!, blacklisted: true };
    world.audiences.segments.set('blacklist-segment', [contacts[1]!]);
    // The project's own entry also tells the read model which account owns the project.
    await publish('BlacklistEntryAdded', { accountId: 'account-1', projectId: PROJECT, scope: audiencesV1.BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_PROJECT, phone: contacts[2]!.phone, source: 'manual', addedAt: START });
    await publish('BlacklistEntryAdded', { accountId: 'account-1', projectId: '', scope: audiencesV1.BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_ACCOUNT, phone: contacts[3]!.phone, source: 'manual', addedAt: START });
    const entries = async () => (await world.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM blacklist_entries')).rows[0]!.n;
    await eventually(async () => (await entries()) >= 2, { what: 'the blacklist read model' });

    await launch(dialer, 'campaign-blacklist', contacts, dialerSettings({ blacklistIds: ['blacklist-segment'], pace: { callsPerSecond: 100, callsPerHour: 360_000 } }));
    // A number blacklisted after the load is caught at dial time.
    await publish('BlacklistEntryAdded', { accountId: 'account-1', projectId: PROJECT, scope: audiencesV1.BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_PROJECT, phone: contacts[4]!.phone, source: 'call:x', addedAt: START });
    await eventually(async () => (await entries()) >= 3, { what: 'the late entry' });
    world.clock.advance(1000);
    await dialer.loop.step();

    expect((await world.placeCalls('campaign-blacklist')).map((call) => call.phone)).toEqual([contacts[0]!.phone]);
    expect((await world.contacts('campaign-blacklist')).map((row) => [row.phone, row.state, row.finish_reason])).toEqual([
      [contacts[0]!.phone, 'leased', null],
      [contacts[1]!.phone, 'finished', 'Excluded'],
      [contacts[2]!.phone, 'finished', 'Excluded'],
      [contacts[3]!.phone, 'finished', 'Excluded'],
      [contacts[4]!.phone, 'finished', 'Blocked'],
      [contacts[5]!.phone, 'finished', 'Excluded'],
    ]);
  });

  it("blocks an account-wide do-not-call number at dial time in every project of the account, learning each project's account from ProjectCreated", async () => {
    const dialer = await world.startDialer({ manual: true });
    // Two projects of one account, neither with a project-scope entry; a third project of another account.
    await world.projectCreated('project-dnc-a', 'account-dnc');
    await world.projectCreated('project-dnc-b', 'account-dnc');
    await world.projectCreated('project-dnc-other', 'account-other');
    // A redelivered creation changes nothing.
    await world.projectCreated('project-dnc-a', 'account-dnc');
    const known = async () => (await world.pool.query<{ project_id: string; account_id: string }>("SELECT project_id, account_id FROM project_accounts WHERE project_id LIKE 'project-dnc-%' ORDER BY project_id")).rows;
    await eventually(async () => (await known()).length === 3, { what: 'the three projects in project_accounts' });
    expect(await known()).toEqual([
      { project_id: 'project-dnc-a', account_id: 'account-dnc' },
      { project_id: 'project-dnc-b', account_id: 'account-dnc' },
      { project_id: 'project-dnc-other', account_id: 'account-other' },
    ]);

    const contacts = [0, 1].map((index) => aContact(300 + index, ['Asia/Yekaterinburg']));
    const settings = (audience: string) => dialerSettings({ audienceIds: [audience], pace: { callsPerSecond: 100, callsPerHour: 360_000 } });
    await launch(dialer, 'campaign-dnc-a', contacts, settings('audience-dnc-a'), 'project-dnc-a');
    await launch(dialer, 'campaign-dnc-b', contacts, settings('audience-dnc-b'), 'project-dnc-b');
    await launch(dialer, 'campaign-dnc-other', contacts, settings('audience-dnc-other'), 'project-dnc-other');
    // The account's do-not-call entry arrives after the loads, so only the dial-time check can stop the call.
    await world.audiencesBus.publish([
      {
        messageId: `BlacklistEntryAdded:account-dnc:${contacts[1]!.phone}`,
        topic: BLACKLIST_TOPIC,
        key: 'account-dnc',
        type: 'zvonar.audiences.v1.BlacklistEntryAdded',
        payload: audiencesV1.BlacklistEntryAdded.encode({ accountId: 'account-dnc', projectId: '', scope: audiencesV1.BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_ACCOUNT, phone: contacts[1]!.phone, source: 'manual', addedAt: START }).finish(),
        occurredAt: world.clock.now(),
        headers: {},
      },
    ]);
    await eventually(async () => (await world.pool.query("SELECT 1 FROM blacklist_entries WHERE scope = 'account' AND owner_id = 'account-dnc'")).rowCount === 1, { what: 'the account entry' });
    world.clock.advance(1000);
    await dialer.loop.step();

    for (const campaignId of ['campaign-dnc-a', 'campaign-dnc-b']) {
      expect((await world.placeCalls(campaignId)).map((call) => call.phone)).toEqual([contacts[0]!.phone]);
      expect((await world.contacts(campaignId)).map((row) => [row.phone, row.state, row.finish_reason])).toEqual([
        [contacts[0]!.phone, 'leased', null],
        [contacts[1]!.phone, 'finished', 'Blocked'],
      ]);
    }
    // Another account's project still calls the number.
    expect((await dialUntil(dialer, 'campaign-dnc-other', 2)).map((call) => call.phone).sort()).toEqual(contacts.map((contact) => contact.phone).sort());
  });

  it('stops dialing within 2 s of a pause, lets calls in progress end, and never re-dials a finished contact on resume', async () => {
    const dialer = await world.startDialer({ stepMs: 50 });
    const contacts = Array.from({ length: 40 }, (_, index) => aContact(200 + index, ['Asia/Yekaterinburg']));
    world.audiences.segments.set('audience-pause', contacts);
    await world.startCampaign('campaign-pause', dialerSettings({ audienceIds: ['audience-pause'], pace: { callsPerSecond: 2, callsPerHour: 7200 }, concurrencyCap: 5 }));
    const tick = setInterval(() => world.clock.advance(100), 20);
    try {
      await eventually(async () => (await world.placeCalls('campaign-pause')).length >= 3, { what: 'first dials' });
      const first = await world.placeCalls('campaign-pause');
      await world.callEnded(first[0]!.attemptId, O.CALL_OUTCOME_GOAL, { goalReached: true, talkSeconds: 20 });
      await outcomeApplied(first[0]!.attemptId);

      const pausedAt = Date.now();
      await send('campaign-pause', { type: 'PauseCampaign', data: { campaignId: 'campaign-pause', reason: 'User' }, metadata: { now: world.clock.now() } });
      await eventually(async () => (await world.pool.query(`SELECT 1 FROM dialing_campaigns WHERE campaign_id = $1 AND status = 'paused'`, ['campaign-pause'])).rowCount === 1, {
        what: 'the pause to reach the dialer',
        timeoutMs: 2_000,
      });
      // A claim that began before the pause may still commit: count from after the next full step.
      const steps = dialer.loop.steps;
      await eventually(() => dialer.loop.steps >= steps + 2, { what: 'a step after the pause' });
      expect(Date.now() - pausedAt).toBeLessThan(2_000);
      const atPause = await world.placeCalls('campaign-pause');
      const stepsAfter = dialer.loop.steps;
      await eventually(() => dialer.loop.steps >= stepsAfter + 10, { what: 'ten more steps' });
      expect(await world.placeCalls('campaign-pause')).toHaveLength(atPause.length);

      // Calls in progress end normally while paused.
      for (const call of atPause.slice(1)) await world.callEnded(call.attemptId, O.CALL_OUTCOME_COMPLETED, { talkSeconds: 30 });
      for (const call of atPause.slice(1)) await outcomeApplied(call.attemptId);

      await send('campaign-pause', { type: 'ResumeCampaign', data: { campaignId: 'campaign-pause' }, metadata: { now: world.clock.now() } });
      await eventually(async () => (await world.placeCalls('campaign-pause')).length > atPause.length, { what: 'dials after resume' });
      // Progress reports are coalesced per campaign: wait for the one that follows the outcomes
      // before the loop stops (stopping first could drop it, and the check raced that).
      await eventually(async () => (await world.store.readStream(campaignStreamId('campaign-pause'))).events.some((event) => event.type === 'CampaignProgressRecorded'), {
        what: 'the outcomes reported on the campaign',
      });
    } finally {
      clearInterval(tick);
      // Its loop would otherwise dial the campaigns of the tests that follow.
      await dialer.loop.stop();
    }
    const calls = await world.placeCalls('campaign-pause');
    const contactsCalled = calls.map((call) => call.contactId);
    expect(new Set(contactsCalled).size).toBe(contactsCalled.length);
  });

  it('stop finishes every contact not in a call, the call in progress finishes with its outcome; restart dials again only those not reached, with new attempt ids', async () => {
    const dialer = await world.startDialer({ manual: true });
    const contacts = [0, 1, 2, 3].map((index) => aContact(300 + index, ['Asia/Yekaterinburg']));
    await launch(dialer, 'campaign-stop', contacts, dialerSettings({ pace: { callsPerSecond: 100, callsPerHour: 360_000 }, concurrencyCap: 2 }));
    const dialled = await dialUntil(dialer, 'campaign-stop', 2);
    expect(dialled.map((call) => call.attemptId)).toEqual(['campaign-stop:0:1', 'campaign-stop:1:1']);
    await world.callEnded('campaign-stop:0:1', O.CALL_OUTCOME_COMPLETED, { talkSeconds: 60 });
    await outcomeApplied('campaign-stop:0:1');

    await send('campaign-stop', { type: 'StopCampaign', data: { campaignId: 'campaign-stop' }, metadata: { now: world.clock.now() } });
    await dialer.projector.waitForIdle();
    expect((await world.contacts('campaign-stop')).map((row) => [row.contact_index, row.state, row.finish_reason])).toEqual([
      [0, 'finished', 'Reached'],
      [1, 'leased', null],
      [2, 'finished', 'Stopped'],
      [3, 'finished', 'Stopped'],
    ]);
    // The call in progress ends normally; a busy line would ask for a redial, but the campaign is stopped.
    await world.callEnded('campaign-stop:1:1', O.CALL_OUTCOME_BUSY);
    await outcomeApplied('campaign-stop:1:1');
    world.clock.advance(3_600_000);
    expect(await stepAndCollect(dialer, 'campaign-stop', 2)).toEqual([]);
    expect((await world.contacts('campaign-stop'))[1]).toMatchObject({ state: 'finished', finish_reason: 'Stopped' });

    await send('campaign-stop', { type: 'RestartCampaign', data: { campaignId: 'campaign-stop' }, metadata: { now: world.clock.now() } });
    await dialer.projector.waitForIdle();
    const again = await stepAndCollect(dialer, 'campaign-stop', 2);
    world.clock.advance(1_000);
    for (const call of again) {
      await world.callEnded(call.attemptId, O.CALL_OUTCOME_COMPLETED, { talkSeconds: 60 });
      await outcomeApplied(call.attemptId);
    }
    const rest = await stepAndCollect(dialer, 'campaign-stop', 2 + again.length);
    expect([...again, ...rest].map((call) => call.attemptId).sort()).toEqual(['campaign-stop:1:2', 'campaign-stop:2:1', 'campaign-stop:3:1']);
  });

  it('pauses at the lead limit through the campaign aggregate, finishes rejected and opted-out contacts', async () => {
    const dialer = await world.startDialer({ manual: true, progressEverySteps: 1 });
    const contacts = [0, 1, 2, 3, 4].map((index) => aContact(400 + index, ['Asia/Yekaterinburg']));
    await launch(dialer, 'campaign-limit', contacts, dialerSettings({ leadLimit: 1, pace: { callsPerSecond: 100, callsPerHour: 360_000 }, concurrencyCap: 3 }));
    const dialled = await dialUntil(dialer, 'campaign-limit', 3);
    expect(dialled).toHaveLength(3);
    const rejected: callControlV1.PlaceCallRejected = {
      ...callControlV1.PlaceCallRejected.decode(new Uint8Array(0)),
      attemptId: dialled[1]!.attemptId,
      campaignId: 'campaign-limit',
      reason: callControlV1.PlaceCallRejectionReason.PLACE_CALL_REJECTION_REASON_INVALID_NUMBER,
    };
    const optedOut: callControlV1.ContactBlacklisted = {
      ...callControlV1.ContactBlacklisted.decode(new Uint8Array(0)),
      callId: 'call-optout',
      projectId: PROJECT,
      campaignId: 'campaign-limit',
      contactId: dialled[2]!.contactId,
      phone: dialled[2]!.phone,
      scope: callControlV1.BlacklistScope.BLACKLIST_SCOPE_PROJECT,
    };
    await world.callControl.publish([
      world.message('PlaceCallRejected:1', 'campaign-limit', 'PlaceCallRejected', callControlV1.PlaceCallRejected.encode(rejected).finish()),
      world.message('ContactBlacklisted:2', 'campaign-limit', 'ContactBlacklisted', callControlV1.ContactBlacklisted.encode(optedOut).finish()),
    ]);
    await world.callEnded(dialled[0]!.attemptId, O.CALL_OUTCOME_GOAL, { goalReached: true, talkSeconds: 30 });
    await outcomeApplied(dialled[0]!.attemptId);
    await eventually(async () => (await world.contacts('campaign-limit')).filter((row) => row.state === 'finished').length === 3, { what: 'three finished contacts' });

    // The next step reports the lead; the aggregate pauses itself and the dialer follows.
    await eventually(
      async () => {
        await dialer.loop.step();
        return (await world.store.readStream(campaignStreamId('campaign-limit'))).events.some((event) => event.type === 'CampaignPaused' && (event.data as { reason: string }).reason === 'LeadLimit');
      },
      { what: 'the lead-limit pause' },
    );
    await dialer.projector.waitForIdle();
    // Steps before the pause could still dial the freed slots; after it, nothing goes out.
    const atPause = (await world.placeCalls('campaign-limit')).length;
    world.clock.advance(60_000);
    expect(await stepAndCollect(dialer, 'campaign-limit', atPause)).toEqual([]);
    expect((await world.contacts('campaign-limit')).slice(0, 3).map((row) => [row.state, row.finish_reason])).toEqual([
      ['finished', 'Reached'],
      ['finished', 'Rejected:INVALID_NUMBER'],
      ['finished', 'Blacklisted'],
    ]);
    // The opted-out number is blocked for the project's other campaigns at once.
    expect((await world.pool.query(`SELECT scope, owner_id FROM blacklist_entries WHERE phone = $1`, [dialled[2]!.phone])).rows).toEqual([{ scope: 'project', owner_id: PROJECT }]);
  });

  it('skips a campaign whose settings it cannot dial with and keeps following the others', async () => {
    const dialer = await world.startDialer({ manual: true });
    const broken = dialerSettings({ schedule: { ...dialerSettings().schedule, timeZone: 'Mars/Olympus_Mons' } });
    await world.startCampaign('campaign-broken', broken);
    await launch(dialer, 'campaign-after-broken', [aContact(500, ['Asia/Yekaterinburg'])], dialerSettings({ audienceIds: ['audience-after-broken'] }));
    expect((await world.pool.query('SELECT campaign_id FROM dialing_campaigns WHERE campaign_id = ANY($1)', [['campaign-broken', 'campaign-after-broken']])).rows).toEqual([
      { campaign_id: 'campaign-after-broken' },
    ]);
  });
});
