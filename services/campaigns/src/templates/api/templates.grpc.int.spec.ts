import { status as GrpcStatus } from '@grpc/grpc-js';
import { fieldViolationsOf } from '@zvonar/platform';
import { describeWithPostgres } from '@zvonar/testing';
import { campaignsV1 } from '../../campaign/api/campaigns.proto';
import { call, failure, inEnglish, startCampaigns, type CampaignsClient, type StartedCampaigns } from '../../campaign/api/testing/campaigns.test-client';

describeWithPostgres('CampaignsService over gRPC: call-task and redial-rule templates', (serverUrl) => {
  let started: StartedCampaigns;
  let client: CampaignsClient;

  beforeAll(async () => {
    started = await startCampaigns('campaigns_templates', serverUrl);
    client = started.client;
    for (const projectId of ['project-t', 'project-p', 'project-e', 'project-r']) await started.project(projectId);
  });

  afterAll(async () => {
    await started?.stop();
  });

  const settings = (): campaignsV1.CampaignSettings =>
    ({
      name: 'Напоминания',
      scenario: { scenarioId: 'scenario-7', version: 2 },
      audienceIds: ['audience-1'],
      blacklistIds: ['blacklist-1'],
      telephony: { callerNumbers: ['+74950000000'], carouselNumbers: [] },
      concurrencyCap: 4,
      redialRules: { busy: { attempts: 5, intervalSeconds: 900 } },
      schedule: { timeZone: 'Asia/Yekaterinburg', weekdays: [1, 3, 5], dailyWindow: { from: '11:00', to: '18:00' } },
    }) as unknown as campaignsV1.CampaignSettings;

  it('saves a campaign as a template without its name and audiences, lists it, and creates a draft from it', async () => {
    const source = (await call(client.createCampaign({ projectId: 'project-t', settings: settings(), campaignId: '' }))).campaign!;
    const { template } = await call(client.saveCampaignAsTemplate({ campaignId: source.campaignId, name: 'Будни, Екатеринбург' }));
    expect(template).toMatchObject({ projectId: 'project-t', name: 'Будни, Екатеринбург', sourceCampaignId: source.campaignId });
    expect(template!.settings).toEqual({ ...source.settings, name: '', audienceIds: [] });

    const { templates, page } = await call(client.listTemplates({ projectId: 'project-t', page: undefined }));
    expect(templates).toEqual([template]);
    expect(page!.nextPageToken).toBe('');

    const { campaign } = await call(client.createCampaignFromTemplate({ templateId: template!.templateId, name: 'Апрель', audienceIds: ['audience-9'] }));
    expect(campaign).toMatchObject({ projectId: 'project-t', name: 'Апрель', status: campaignsV1.CampaignStatus.CAMPAIGN_STATUS_DRAFT, templateId: template!.templateId });
    expect(campaign!.settings).toEqual({ ...source.settings, name: 'Апрель', audienceIds: ['audience-9'] });
  });

  it('pages templates newest first', async () => {
    const source = (await call(client.createCampaign({ projectId: 'project-p', settings: settings(), campaignId: '' }))).campaign!;
    for (const name of ['Первый', 'Второй', 'Третий']) await call(client.saveCampaignAsTemplate({ campaignId: source.campaignId, name }));
    const first = await call(client.listTemplates({ projectId: 'project-p', page: { pageSize: 2, pageToken: '' } }));
    const second = await call(client.listTemplates({ projectId: 'project-p', page: { pageSize: 2, pageToken: first.page!.nextPageToken } }));
    expect([...first.templates, ...second.templates].map((template) => template.name)).toEqual(['Третий', 'Второй', 'Первый']);
    expect(second.page!.nextPageToken).toBe('');
  });

  it('answers a missing name, an unknown campaign and an unknown template', async () => {
    const source = (await call(client.createCampaign({ projectId: 'project-e', settings: settings(), campaignId: '' }))).campaign!;
    const unnamed = await failure(client.saveCampaignAsTemplate({ campaignId: source.campaignId, name: '  ' }));
    expect(unnamed.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(fieldViolationsOf(unnamed.metadata)).toEqual([{ field: 'name', code: 'REQUIRED', message: 'Укажите название' }]);
    const noCampaign = await failure(client.saveCampaignAsTemplate({ campaignId: '0190a3b4-0000-7000-8000-000000000000', name: 'x' }));
    expect(noCampaign.code).toBe(GrpcStatus.NOT_FOUND);
    const noTemplate = await failure(client.createCampaignFromTemplate({ templateId: 'nope', name: 'x', audienceIds: [] }));
    expect(noTemplate.code).toBe(GrpcStatus.NOT_FOUND);
    expect(noTemplate.details).toBe('Шаблон не найден');
  });

  it('saves redial rules as a named template with defaults for unset rules, and refuses rules out of range', async () => {
    const { template } = await call(
      client.saveRedialRuleTemplate({ projectId: 'project-r', name: 'Вежливо', redialRules: { noAnswer: { attempts: 2, intervalSeconds: 1800 } } as campaignsV1.RedialRules }),
    );
    expect(template).toMatchObject({
      projectId: 'project-r',
      name: 'Вежливо',
      redialRules: { noAnswer: { attempts: 2, intervalSeconds: 1800 }, busy: { attempts: 3, intervalSeconds: 300 }, carouselExtraAttempt: false },
    });
    expect((await call(client.listRedialRuleTemplates({ projectId: 'project-r', page: undefined }))).templates).toEqual([template]);

    const pushy = await failure(
      client.saveRedialRuleTemplate({ projectId: 'project-r', name: 'Навязчиво', redialRules: { busy: { attempts: 20, intervalSeconds: 10 } } as campaignsV1.RedialRules }, inEnglish()),
    );
    expect(pushy.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(fieldViolationsOf(pushy.metadata).map(({ field }) => field)).toEqual(['redialRules.busy.attempts', 'redialRules.busy.intervalSeconds']);
    expect((await call(client.listRedialRuleTemplates({ projectId: 'project-r', page: undefined }))).templates).toHaveLength(1);
  });
});
