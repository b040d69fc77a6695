import { status as GrpcStatus } from '@grpc/grpc-js';
import { PostgresIntegrationBus } from '@zvonar/messaging-postgres';
import { audiencesV1, callControlV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { BLACKLIST_TOPIC } from '../../blacklist/blacklist.consumer';
import { campaignsV1 } from '../../campaign/api/campaigns.proto';
import { call, failure, inEnglish, startCampaigns, type StartedCampaigns } from '../../campaign/api/testing/campaigns.test-client';
import { CALL_CONTROL_BUS_SCHEMA, CALL_EVENTS_TOPIC } from '../../dialing/integration/call-outcomes.consumer';
import { aContact } from '../../dialing/infrastructure/testing/dialer.fixture';
import { startFakeAudiences, type FakeAudiences } from '../../dialing/infrastructure/testing/fake-audiences.server';

jest.setTimeout(60_000);

const O = callControlV1.CallOutcome;

describeWithPostgres('PreflightCampaign over gRPC: skips by reason and the forecast from the project history', (serverUrl) => {
  let started: StartedCampaigns;
  let audiences: FakeAudiences;
  let audiencesBus: PostgresIntegrationBus;
  let callControl: PostgresIntegrationBus;
  let projectId: string;

  beforeAll(async () => {
    audiences = await startFakeAudiences();
    started = await startCampaigns('campaigns_preflight', serverUrl, {
      AUDIENCES_GRPC_URL: audiences.url,
      DIALER_STEP_MS: '20',
      // The fake's refusal of an unknown segment never reaches the client: its silence does.
      DIALER_SEGMENT_FIRST_ANSWER_MS: '1000',
    });
    audiencesBus = await PostgresIntegrationBus.connect({ pool: started.pool, schema: 'audiences' });
    callControl = await PostgresIntegrationBus.connect({ pool: started.pool, schema: CALL_CONTROL_BUS_SCHEMA });
    projectId = await started.project();
    await started.publishScenarioVersion('scenario-preflight', 1, projectId);
  });

  afterAll(async () => {
    await started?.stop();
    await audiencesBus?.close();
    await callControl?.close();
    await audiences?.stop();
  });

  /** Every day 10:00-12:00 local: Moscow's window (07-09 UTC) never meets Vladivostok's (00-02 UTC). */
  const settings = (overrides: Partial<campaignsV1.CampaignSettings> = {}): campaignsV1.CampaignSettings =>
    ({
      name: 'Проверка перед запуском',
      scenario: { scenarioId: 'scenario-preflight', version: 1 },
      audienceIds: ['segment-a', 'segment-b'],
      blacklistIds: ['blacklist-segment'],
      telephony: { callerNumbers: ['+74950000000'], carouselNumbers: [] },
      pace: { callsPerHour: 36_000, callsPerSecond: 10 },
      schedule: { startDate: '2026-01-05', startTime: '09:00', timeZone: 'Europe/Moscow', weekdays: [], dailyWindow: { from: '10:00', to: '12:00' } },
      ...overrides,
    }) as campaignsV1.CampaignSettings;
  const create = async (campaignSettings: campaignsV1.CampaignSettings) => (await call(started.client.createCampaign({ projectId, settings: campaignSettings, campaignId: '' }))).campaign!;
  const preflight = (campaignId: string) => call(started.client.preflightCampaign({ campaignId }));

  const blacklistInProject = async (phone: string) => {
    const entry: audiencesV1.BlacklistEntryAdded = { accountId: 'account-1', projectId, scope: audiencesV1.BlacklistEntryScope.BLACKLIST_ENTRY_SCOPE_PROJECT, phone, source: 'manual', addedAt: new Date() };
    await audiencesBus.publish([
      { messageId: `BlacklistEntryAdded:${phone}`, topic: BLACKLIST_TOPIC, key: 'account-1', type: 'zvonar.audiences.v1.BlacklistEntryAdded', payload: audiencesV1.BlacklistEntryAdded.encode(entry).finish(), occurredAt: new Date(), headers: {} },
    ]);
    await eventually(async () => (await started.pool.query('SELECT 1 FROM campaigns.blacklist_entries WHERE phone = $1', [phone])).rowCount === 1, { what: `${phone} in the blacklist read model` });
  };

  const callEnded = (campaignId: string, attemptId: string, outcome: callControlV1.CallOutcome, extra: Partial<callControlV1.CallEnded> = {}) => {
    const event: callControlV1.CallEnded = { ...callControlV1.CallEnded.decode(new Uint8Array(0)), callId: `call-${attemptId}`, attemptId, campaignId, projectId, outcome, endedAt: new Date(), ...extra };
    return callControl.publish([
      { messageId: `CallEnded:${attemptId}`, topic: CALL_EVENTS_TOPIC, key: campaignId, type: 'zvonar.callcontrol.v1.CallEnded', payload: callControlV1.CallEnded.encode(event).finish(), occurredAt: new Date(), headers: {} },
    ]);
  };

  it('given a draft over two segments and a blacklist segment, then every contact is counted once under its reason, with every launch problem, and no forecast without history', async () => {
    const contacts = Array.from({ length: 8 }, (_, index) => aContact(index, ['Europe/Moscow']));
    contacts[1] = { ...contacts[1]!, phone: '89160000001' };
    contacts[2] = { ...contacts[2]!, blacklisted: true };
    contacts[5] = { ...contacts[5]!, timeZones: [] };
    contacts[6] = { ...contacts[6]!, timeZones: ['Europe/Moscow', 'Asia/Vladivostok'] };
    contacts[7] = { ...contacts[7]!, timeZones: ['Asia/Yekaterinburg'] };
    audiences.segments.set('segment-a', contacts.slice(0, 7));
    audiences.segments.set('segment-b', [contacts[0]!, contacts[7]!]);
    audiences.segments.set('blacklist-segment', [contacts[3]!]);
    await blacklistInProject(contacts[4]!.phone);
    const draft = await create(settings({ telephony: { callerNumbers: [], carouselNumbers: [] } as unknown as campaignsV1.TelephonySettings }));

    const answer = await preflight(draft.campaignId);

    expect(answer).toEqual({
      audienceContacts: 8,
      dialableContacts: 2,
      duplicates: 1,
      skipped: { total: 6, invalidNumber: 1, blacklisted: 3, alreadyDone: 0, outsideEveryWindow: 2 },
      forecast: {
        hasHistory: false,
        historyContacts: 0,
        attemptsPerContact: 0,
        answeredRate: 0,
        averageBillableSeconds: 0,
        goalRate: 0,
        expectedCalls: 0,
        expectedTalkMinutes: 0,
        expectedGoals: 0,
        // Two contacts, three attempts at most each by the default rules.
        maxCalls: 6,
      },
      launchProblems: [{ field: 'settings.telephony.callerNumbers', code: 'REQUIRED', message: 'Выберите хотя бы один номер' }],
    });
    const english = await call(started.client.preflightCampaign({ campaignId: draft.campaignId }, inEnglish()));
    expect(english.launchProblems).toEqual([{ field: 'settings.telephony.callerNumbers', code: 'REQUIRED', message: 'choose at least one number' }]);
  });

  it('given an earlier campaign of the project that ran, then a new one is forecast from its calls, and the one that ran counts its finished contacts as already done', async () => {
    const ran = Array.from({ length: 4 }, (_, index) => aContact(100 + index, ['Europe/Moscow']));
    audiences.segments.set('segment-ran', ran);
    // Open at any hour, so the service's own dialer calls them now.
    const always = { startDate: '2026-01-05', startTime: '00:00', timeZone: 'Europe/Moscow', weekdays: [], dailyWindow: { from: '00:00', to: '24:00' } } as unknown as campaignsV1.Schedule;
    const earlier = await create(settings({ audienceIds: ['segment-ran'], blacklistIds: [], schedule: always }));
    await call(started.client.launchCampaign({ campaignId: earlier.campaignId }));
    const attempts = async () =>
      (
        await started.pool.query<{ attempt_id: string; phone: string }>('SELECT attempt_id, phone FROM campaigns.dialing_attempts WHERE campaign_id = $1 ORDER BY contact_index', [earlier.campaignId])
      ).rows;
    await eventually(async () => (await attempts()).length === 4, { what: 'the earlier campaign dialled its four contacts' });
    const byPhone = new Map((await attempts()).map((row) => [row.phone, row.attempt_id]));
    await callEnded(earlier.campaignId, byPhone.get(ran[0]!.phone)!, O.CALL_OUTCOME_COMPLETED, { goalReached: true, talkSeconds: 60 });
    await callEnded(earlier.campaignId, byPhone.get(ran[1]!.phone)!, O.CALL_OUTCOME_COMPLETED, { talkSeconds: 30 });
    await callEnded(earlier.campaignId, byPhone.get(ran[2]!.phone)!, O.CALL_OUTCOME_NO_ANSWER);
    // Lost to our infrastructure: not a call of the callee's, left out of the history.
    await callEnded(earlier.campaignId, byPhone.get(ran[3]!.phone)!, O.CALL_OUTCOME_INTERRUPTED);
    await eventually(
      async () => (await started.pool.query('SELECT 1 FROM campaigns.dialing_attempts WHERE campaign_id = $1 AND outcome IS NOT NULL', [earlier.campaignId])).rowCount === 4,
      { what: 'the four outcomes applied' },
    );

    audiences.segments.set('segment-new', [aContact(200, ['Europe/Moscow']), aContact(201, ['Europe/Moscow'])]);
    const next = await create(settings({ audienceIds: ['segment-new'], blacklistIds: [] }));
    const { forecast, dialableContacts } = await preflight(next.campaignId);
    expect(dialableContacts).toBe(2);
    // Three contacts with three calls; two answered for 90 s in all; one goal.
    expect(forecast).toEqual({
      hasHistory: true,
      historyContacts: 3,
      attemptsPerContact: 1,
      answeredRate: 0.6667,
      averageBillableSeconds: 45,
      goalRate: 0.3333,
      expectedCalls: 2,
      // 2 calls x 2/3 answered x 45 s = 60 s.
      expectedTalkMinutes: 1,
      expectedGoals: 0.67,
      maxCalls: 6,
    });

    // The campaign that ran: its two reached contacts are done, the redial and the retry are still to dial.
    const again = await preflight(earlier.campaignId);
    expect(again).toMatchObject({ audienceContacts: 4, dialableContacts: 2, skipped: { total: 2, alreadyDone: 2 }, forecast: { hasHistory: false } });
    await call(started.client.stopCampaign({ campaignId: earlier.campaignId }));
    // Stopped: a restart dials again those not reached, so only the reached ones stay done.
    expect((await preflight(earlier.campaignId)).skipped).toMatchObject({ alreadyDone: 2 });
  });

  it('given an audience segment the audiences service does not answer for, then FAILED_PRECONDITION names the audience, in Russian by default', async () => {
    const draft = await create(settings({ audienceIds: ['segment-missing'], blacklistIds: [] }));
    const russian = await failure(started.client.preflightCampaign({ campaignId: draft.campaignId }));
    expect([russian.code, russian.details]).toEqual([GrpcStatus.FAILED_PRECONDITION, 'Не удалось прочитать аудиторию кампании: попробуйте позже']);
    const english = await failure(started.client.preflightCampaign({ campaignId: draft.campaignId }, inEnglish()));
    expect(english.code).toBe(GrpcStatus.FAILED_PRECONDITION);
    expect(english.details).toContain('segment-missing');
  });
});
