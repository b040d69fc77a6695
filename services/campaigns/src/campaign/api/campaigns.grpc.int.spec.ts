import { status as GrpcStatus } from '@grpc/grpc-js';
import { fieldViolationsOf } from '@zvonar/platform';
import { describeWithPostgres } from '@zvonar/testing';
import { campaignsV1 } from './campaigns.proto';
import { call, failure, inEnglish, startCampaigns, type CampaignsClient, type StartedCampaigns } from './testing/campaigns.test-client';

const { CampaignStatus, PauseReason, ArchiveFilter, CampaignOrder } = campaignsV1;

describeWithPostgres('CampaignsService over gRPC: the campaign lifecycle', (serverUrl) => {
  let started: StartedCampaigns;
  let client: CampaignsClient;
  /** The marketer's project most campaigns of this spec are in; scenario-1 v1 is published there. */
  let home: string;
  /** A project of its own (for lists that must hold only the test's campaigns). */
  const newProject = () => started.project();

  beforeAll(async () => {
    started = await startCampaigns('campaigns_grpc', serverUrl);
    client = started.client;
    home = await started.project();
    await started.publishScenarioVersion('scenario-1', 1, home);
  });

  afterAll(async () => {
    await started?.stop();
  });

  /** Settings that pass the pre-flight, starting in the past unless told otherwise. */
  const launchable = (overrides: Partial<campaignsV1.CampaignSettings> = {}): campaignsV1.CampaignSettings => ({
    name: 'Весенняя акция',
    scenario: { scenarioId: 'scenario-1', version: 1 },
    audienceIds: ['audience-1'],
    blacklistIds: ['blacklist-1'],
    telephony: { callerNumbers: ['+74950000000'], carouselNumbers: [] },
    redialRules: undefined,
    pace: { callsPerHour: 1200 },
    schedule: { startDate: '2026-01-05', startTime: '09:00', timeZone: 'Europe/Moscow', weekdays: [1, 2, 3, 4, 5], dailyWindow: { from: '10:00', to: '19:00' } },
    ...overrides,
  });
  const create = async (settings: campaignsV1.CampaignSettings = launchable(), projectId = home) =>
    (await call(client.createCampaign({ projectId, settings, campaignId: '' }))).campaign!;

  describe('CreateCampaign and GetCampaign', () => {
    it('creates a draft with every wizard default filled in, and the read model shows it', async () => {
      const projectId = await newProject();
      const created = await create({ name: 'Черновик' } as campaignsV1.CampaignSettings, projectId);
      expect(created).toMatchObject({ projectId, name: 'Черновик', status: CampaignStatus.CAMPAIGN_STATUS_DRAFT, archived: false, revision: 0 });
      expect(created.settings).toMatchObject({
        answerWaitSeconds: 27,
        actionWaitSeconds: 7,
        leadLimit: 0,
        spendLimitKopecks: 0,
        concurrencyCap: 10,
        recording: true,
        machineDetection: true,
        silenceDetection: true,
        ineffectiveCallSeconds: 10,
        pace: { callsPerHour: 3600, callsPerSecond: 1 },
        redialRules: { noAnswer: { attempts: 3, intervalSeconds: 600 }, carouselExtraAttempt: false },
        schedule: { timeZone: 'Europe/Moscow', weekdays: [1, 2, 3, 4, 5, 6, 7] },
      });
      const read = await started.readModel(created.campaignId, () => true);
      expect(read).toEqual(created);
    });

    it('keeps every field the wizard sent', async () => {
      const created = await create(
        launchable({
          leadLimit: 50,
          spendLimitKopecks: 1_000_000,
          answerWaitSeconds: 30,
          actionWaitSeconds: 5,
          concurrencyCap: 20,
          recording: false,
          machineDetection: false,
          silenceDetection: false,
          ineffectiveCallSeconds: 15,
          pace: { callsPerHour: 600, callsPerSecond: 0.5 },
          redialRules: { busy: { attempts: 2, intervalSeconds: 120 }, shortCall: { underSeconds: 8 }, carouselExtraAttempt: true } as campaignsV1.RedialRules,
          telephony: { callerNumbers: ['+74950000001'], dialPlanId: 'plan-1', carouselNumbers: ['+74950000002'], trunkCallsPerSecondCap: 5 },
        }),
      );
      expect(created.settings).toMatchObject({
        scenario: { scenarioId: 'scenario-1', version: 1 },
        audienceIds: ['audience-1'],
        blacklistIds: ['blacklist-1'],
        leadLimit: 50,
        spendLimitKopecks: 1_000_000,
        answerWaitSeconds: 30,
        actionWaitSeconds: 5,
        concurrencyCap: 20,
        recording: false,
        machineDetection: false,
        silenceDetection: false,
        ineffectiveCallSeconds: 15,
        pace: { callsPerHour: 600, callsPerSecond: 0.5 },
        redialRules: { busy: { attempts: 2, intervalSeconds: 120 }, shortCall: { attempts: 1, intervalSeconds: 600, underSeconds: 8 }, carouselExtraAttempt: true },
        telephony: { callerNumbers: ['+74950000001'], dialPlanId: 'plan-1', carouselNumbers: ['+74950000002'], trunkCallsPerSecondCap: 5 },
        schedule: { startDate: '2026-01-05', startTime: '09:00', dailyWindow: { from: '10:00', to: '19:00' }, weekdays: [1, 2, 3, 4, 5] },
      });
    });

    it('answers settings out of range with INVALID_ARGUMENT naming each field, in Russian by default and in English on request', async () => {
      const bad = launchable({ answerWaitSeconds: 200, pace: { callsPerHour: 0 }, redialRules: { noAnswer: { attempts: 3, intervalSeconds: 30 } } as campaignsV1.RedialRules });
      const russian = await failure(client.createCampaign({ projectId: home, settings: bad, campaignId: '' }));
      expect(russian.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(russian.metadata)).toEqual([
        { field: 'settings.answerWaitSeconds', code: 'OUT_OF_RANGE', message: 'Целое число от 5 до 120' },
        { field: 'settings.pace.callsPerHour', code: 'OUT_OF_RANGE', message: 'Целое число от 1 до 360000' },
        { field: 'settings.redialRules.noAnswer.intervalSeconds', code: 'OUT_OF_RANGE', message: 'Целое число от 60 до 12000' },
      ]);
      const english = await failure(client.createCampaign({ projectId: home, settings: bad, campaignId: '' }, inEnglish()));
      expect(fieldViolationsOf(english.metadata)).toContainEqual({
        field: 'settings.pace.callsPerHour',
        code: 'OUT_OF_RANGE',
        message: 'pace.callsPerHour must be a whole number from 1 to 360000',
      });
    });

    it('creates once for a retried client-chosen id, and answers NOT_FOUND for an unknown campaign', async () => {
      const campaignId = '0190a3b4-0000-7000-8000-00000000c0de';
      const projectId = await newProject();
      const first = (await call(client.createCampaign({ projectId, settings: launchable(), campaignId }))).campaign!;
      const retry = (await call(client.createCampaign({ projectId, settings: launchable(), campaignId }))).campaign!;
      expect(retry).toEqual(first);
      const missing = await failure(client.getCampaign({ campaignId: '0190a3b4-0000-7000-8000-000000000000' }));
      expect(missing.code).toBe(GrpcStatus.NOT_FOUND);
      expect(missing.details).toBe('Кампания не найдена');
    });
  });

  describe('LaunchCampaign', () => {
    it('refuses an unpublished scenario version with a violation on settings.scenario, listing every other reason too', async () => {
      const draft = await create(launchable({ scenario: { scenarioId: 'scenario-1', version: 9 }, audienceIds: [] }));
      const error = await failure(client.launchCampaign({ campaignId: draft.campaignId }, inEnglish()));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata).map(({ field, code }) => ({ field, code }))).toEqual([
        { field: 'settings.audienceIds', code: 'REQUIRED' },
        { field: 'settings.scenario', code: 'NOT_PUBLISHED' },
      ]);
      const russian = await failure(client.launchCampaign({ campaignId: draft.campaignId }));
      expect(russian.details).toBe('Кампанию нельзя запустить: Выберите хотя бы одну аудиторию; Эта версия сценария не опубликована');
    });

    it('refuses with every reason the issue lists at once: no audience, an unpublished scenario, no number, a window that never opens', async () => {
      const draft = await create(
        launchable({
          audienceIds: [],
          // Nor a blacklist segment: the pre-flight below reads no audiences service.
          blacklistIds: [],
          scenario: { scenarioId: 'scenario-1', version: 9 },
          telephony: { callerNumbers: [], carouselNumbers: [] } as unknown as campaignsV1.TelephonySettings,
          schedule: { startDate: '2026-01-05', startTime: '09:00', timeZone: 'Europe/Moscow', weekdays: [1, 2, 3, 4, 5], dailyWindow: { from: '20:00', to: '20:00' } },
        }),
      );
      const error = await failure(client.launchCampaign({ campaignId: draft.campaignId }));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata)).toEqual([
        { field: 'settings.audienceIds', code: 'REQUIRED', message: 'Выберите хотя бы одну аудиторию' },
        { field: 'settings.scenario', code: 'NOT_PUBLISHED', message: 'Эта версия сценария не опубликована' },
        { field: 'settings.telephony.callerNumbers', code: 'REQUIRED', message: 'Выберите хотя бы один номер' },
        { field: 'settings.schedule.dailyWindow', code: 'WINDOW_NEVER_OPENS', message: 'Окно звонков никогда не открывается' },
      ]);
      // The pre-flight names the same reasons without launching.
      const preflight = await call(client.preflightCampaign({ campaignId: draft.campaignId }));
      expect(preflight.launchProblems).toEqual(fieldViolationsOf(error.metadata));
    });

    it('refuses a scenario published in another project with a violation on settings.scenario', async () => {
      await started.publishScenarioVersion('scenario-elsewhere', 1, await newProject());
      const draft = await create(launchable({ scenario: { scenarioId: 'scenario-elsewhere', version: 1 } }));
      const error = await failure(client.launchCampaign({ campaignId: draft.campaignId }, inEnglish()));
      expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(fieldViolationsOf(error.metadata).map(({ field, code }) => ({ field, code }))).toEqual([{ field: 'settings.scenario', code: 'NOT_IN_PROJECT' }]);
      const russian = await failure(client.launchCampaign({ campaignId: draft.campaignId }));
      expect(russian.details).toBe('Кампанию нельзя запустить: Эта версия сценария не опубликована в этом проекте');
    });

    it('schedules a campaign whose start is in the future', async () => {
      const draft = await create(launchable({ schedule: { startDate: '2099-01-05', startTime: '09:00', timeZone: 'Europe/Moscow', weekdays: [], dailyWindow: undefined } }));
      const { campaign } = await call(client.launchCampaign({ campaignId: draft.campaignId }));
      expect(campaign).toMatchObject({ status: CampaignStatus.CAMPAIGN_STATUS_SCHEDULED, startsAt: new Date('2099-01-05T06:00:00Z') });
    });
  });

  describe('the lifecycle: launch -> pause -> resume -> stop -> restart', () => {
    it('runs, pauses, resumes, stops and restarts; edits only while paused', async () => {
      const draft = await create();
      const running = (await call(client.launchCampaign({ campaignId: draft.campaignId }))).campaign!;
      expect(running).toMatchObject({ status: CampaignStatus.CAMPAIGN_STATUS_RUNNING, startsAt: new Date('2026-01-05T06:00:00Z') });

      const refused = await failure(client.updateCampaign({ campaignId: draft.campaignId, settings: launchable({ name: 'Новое имя' }) }));
      expect(refused.code).toBe(GrpcStatus.FAILED_PRECONDITION);
      expect(refused.details).toBe('Действие недоступно: кампания запущена');
      const refusedInEnglish = await failure(client.updateCampaign({ campaignId: draft.campaignId, settings: launchable() }, inEnglish()));
      expect(refusedInEnglish.details).toBe('ChangeCampaignSettings is not allowed while the campaign is Running');

      const paused = (await call(client.pauseCampaign({ campaignId: draft.campaignId }))).campaign!;
      expect(paused).toMatchObject({ status: CampaignStatus.CAMPAIGN_STATUS_PAUSED, pauseReason: PauseReason.PAUSE_REASON_USER });

      const edited = (await call(client.updateCampaign({ campaignId: draft.campaignId, settings: launchable({ name: 'Новое имя', concurrencyCap: 3 }) }))).campaign!;
      expect(edited).toMatchObject({ name: 'Новое имя', status: CampaignStatus.CAMPAIGN_STATUS_PAUSED, settings: { concurrencyCap: 3 } });

      const resumed = (await call(client.resumeCampaign({ campaignId: draft.campaignId }))).campaign!;
      expect(resumed).toMatchObject({ status: CampaignStatus.CAMPAIGN_STATUS_RUNNING, pauseReason: PauseReason.PAUSE_REASON_UNSPECIFIED });

      const stopped = (await call(client.stopCampaign({ campaignId: draft.campaignId }))).campaign!;
      expect(stopped.status).toBe(CampaignStatus.CAMPAIGN_STATUS_STOPPED);
      expect((await failure(client.pauseCampaign({ campaignId: draft.campaignId }))).code).toBe(GrpcStatus.FAILED_PRECONDITION);

      const restarted = (await call(client.restartCampaign({ campaignId: draft.campaignId }))).campaign!;
      expect(restarted).toMatchObject({ status: CampaignStatus.CAMPAIGN_STATUS_RUNNING, revision: 7 });

      const read = await started.readModel(draft.campaignId, (campaign) => campaign.revision === 7);
      expect(read).toEqual(restarted);
    });
  });

  describe('CopyCampaign', () => {
    it('makes a new draft with the source settings under a new name, whatever the source state', async () => {
      const source = await create();
      await call(client.launchCampaign({ campaignId: source.campaignId }));
      const { campaign: copy } = await call(client.copyCampaign({ campaignId: source.campaignId, name: 'Копия акции' }));
      expect(copy).toMatchObject({ projectId: source.projectId, name: 'Копия акции', status: CampaignStatus.CAMPAIGN_STATUS_DRAFT, copiedFromCampaignId: source.campaignId });
      expect(copy!.campaignId).not.toBe(source.campaignId);
      expect(copy!.settings).toEqual({ ...source.settings, name: 'Копия акции' });
      const unnamed = (await call(client.copyCampaign({ campaignId: source.campaignId, name: '' }))).campaign!;
      expect(unnamed.name).toBe('Весенняя акция (копия)');
    });
  });

  describe('ArchiveCampaign, UnarchiveCampaign and ListCampaigns', () => {
    it('lists by project, status and archive state, newest or oldest first, page by page', async () => {
      const projectId = await newProject();
      await started.publishScenarioVersion('scenario-of-the-list', 1, projectId);
      const first = await create(launchable({ name: 'Первая' }), projectId);
      const second = await create(launchable({ name: 'Вторая', scenario: { scenarioId: 'scenario-of-the-list', version: 1 } }), projectId);
      const third = await create(launchable({ name: 'Третья' }), projectId);
      await create(launchable({ name: 'Чужая' }));
      await call(client.launchCampaign({ campaignId: second.campaignId }));
      await call(client.stopCampaign({ campaignId: second.campaignId }));
      await call(client.archiveCampaign({ campaignId: second.campaignId }));
      await started.readModel(second.campaignId, (campaign) => campaign.archived);

      const list = async (request: Partial<campaignsV1.ListCampaignsRequest>) =>
        call(client.listCampaigns({ projectId, statuses: [], archiveFilter: ArchiveFilter.ARCHIVE_FILTER_UNSPECIFIED, order: CampaignOrder.CAMPAIGN_ORDER_UNSPECIFIED, page: undefined, ...request }));
      const names = (response: campaignsV1.ListCampaignsResponse) => response.campaigns.map((campaign) => campaign.name);

      expect(names(await list({}))).toEqual(['Третья', 'Первая']);
      expect(names(await list({ archiveFilter: ArchiveFilter.ARCHIVE_FILTER_ARCHIVED }))).toEqual(['Вторая']);
      expect(names(await list({ archiveFilter: ArchiveFilter.ARCHIVE_FILTER_ALL, order: CampaignOrder.CAMPAIGN_ORDER_CREATED_ASC }))).toEqual(['Первая', 'Вторая', 'Третья']);
      expect(names(await list({ archiveFilter: ArchiveFilter.ARCHIVE_FILTER_ALL, statuses: [CampaignStatus.CAMPAIGN_STATUS_STOPPED] }))).toEqual(['Вторая']);

      const page1 = await list({ archiveFilter: ArchiveFilter.ARCHIVE_FILTER_ALL, page: { pageSize: 2, pageToken: '' } });
      expect(names(page1)).toEqual(['Третья', 'Вторая']);
      const page2 = await list({ archiveFilter: ArchiveFilter.ARCHIVE_FILTER_ALL, page: { pageSize: 2, pageToken: page1.page!.nextPageToken } });
      expect(names(page2)).toEqual(['Первая']);
      expect(page2.page!.nextPageToken).toBe('');

      const badToken = await failure(client.listCampaigns({ projectId, statuses: [], archiveFilter: ArchiveFilter.ARCHIVE_FILTER_ALL, order: CampaignOrder.CAMPAIGN_ORDER_UNSPECIFIED, page: { pageSize: 2, pageToken: 'nonsense' } }));
      expect(fieldViolationsOf(badToken.metadata)).toEqual([expect.objectContaining({ field: 'page.pageToken', code: 'INVALID_PAGE_TOKEN' })]);
      expect([first, third].every((campaign) => campaign.status === CampaignStatus.CAMPAIGN_STATUS_DRAFT)).toBe(true);
    });

    it('refuses every command but unarchive on an archived campaign, and refuses to archive a running one', async () => {
      const draft = await create();
      const archived = (await call(client.archiveCampaign({ campaignId: draft.campaignId }))).campaign!;
      expect(archived.archived).toBe(true);
      const launch = await failure(client.launchCampaign({ campaignId: draft.campaignId }));
      expect(launch.code).toBe(GrpcStatus.FAILED_PRECONDITION);
      expect(launch.details).toBe('Действие недоступно: кампания в архиве');
      const unarchived = (await call(client.unarchiveCampaign({ campaignId: draft.campaignId }))).campaign!;
      expect(unarchived).toMatchObject({ archived: false, status: CampaignStatus.CAMPAIGN_STATUS_DRAFT });

      await call(client.launchCampaign({ campaignId: draft.campaignId }));
      const running = await failure(client.archiveCampaign({ campaignId: draft.campaignId }, inEnglish()));
      expect(running.code).toBe(GrpcStatus.FAILED_PRECONDITION);
      expect(running.details).toBe('ArchiveCampaign is not allowed while the campaign is Running');
    });
  });
});
