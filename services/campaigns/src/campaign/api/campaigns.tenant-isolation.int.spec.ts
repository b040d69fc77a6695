import { status as GrpcStatus, type Metadata } from '@grpc/grpc-js';
import { principalMetadata } from '@zvonar/project-access';
import { aPrincipal, describeTenantIsolation, type IsolationCast, type IsolationVerb } from '@zvonar/project-access/src/testing';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { campaignsV1 } from './campaigns.proto';
import { call, clientAs, failure, startCampaigns, type CampaignsClient, type StartedCampaigns } from './testing/campaigns.test-client';

const { ArchiveFilter, CampaignOrder } = campaignsV1;

// Each caller tries all 18 verbs, each on a fresh project with the campaign the verb needs.
jest.setTimeout(120_000);

describeWithPostgres('CampaignsService', (serverUrl) => {
  let started: StartedCampaigns;
  /** Sends only the metadata a verb is called with (a principal's, or none). */
  let anonymous: CampaignsClient;

  beforeAll(async () => {
    started = await startCampaigns('campaigns_isolation', serverUrl);
    anonymous = started.anonymous;
  });

  afterAll(async () => {
    await started?.stop();
  });

  /** Settings that launch: a scenario published in the case's own project. */
  const launchable = (projectId: string): campaignsV1.CampaignSettings =>
    ({
      name: 'Акция',
      scenario: { scenarioId: `scenario-of-${projectId}`, version: 1 },
      audienceIds: ['audience-1'],
      telephony: { callerNumbers: ['+74950000000'], carouselNumbers: [] },
      schedule: { startDate: '2026-01-05', startTime: '09:00', timeZone: 'Europe/Moscow', weekdays: [], dailyWindow: undefined },
    }) as unknown as campaignsV1.CampaignSettings;

  type Step = (client: CampaignsClient, campaignId: string) => Promise<{ campaign?: campaignsV1.Campaign }>;
  /**
   * A campaign of the case's project made by its owner, taken through `steps` (launch, pause, ...),
   * and listed by the read model GetCampaign answers from.
   */
  const aCampaign = async ({ owner, projectId }: IsolationCast, steps: Step[] = []): Promise<string> => {
    const asOwner = clientAs(anonymous, owner);
    await started.publishScenarioVersion(`scenario-of-${projectId}`, 1, projectId);
    const { campaign } = await call(asOwner.createCampaign({ projectId, settings: launchable(projectId), campaignId: '' }));
    const campaignId = campaign!.campaignId;
    let revision = campaign!.revision;
    for (const step of steps) revision = (await step(asOwner, campaignId)).campaign!.revision;
    await eventually(async () => (await call(asOwner.getCampaign({ campaignId })).catch(() => undefined))?.campaign?.revision === revision, {
      what: `campaign ${campaignId} at revision ${revision} in the read model`,
    });
    return campaignId;
  };
  const launch = (client: CampaignsClient, campaignId: string) => call(client.launchCampaign({ campaignId }));
  const pause = (client: CampaignsClient, campaignId: string) => call(client.pauseCampaign({ campaignId }));
  const stop = (client: CampaignsClient, campaignId: string) => call(client.stopCampaign({ campaignId }));
  const archive = (client: CampaignsClient, campaignId: string) => call(client.archiveCampaign({ campaignId }));

  const aTemplate = async (cast: IsolationCast): Promise<string> => {
    const campaignId = await aCampaign(cast);
    const { template } = await call(clientAs(anonymous, cast.owner).saveCampaignAsTemplate({ campaignId, name: 'Шаблон' }));
    return template!.templateId;
  };

  const onProject = (name: string, need: IsolationVerb['need'], run: (metadata: Metadata, projectId: string) => Promise<unknown>): IsolationVerb => ({
    name,
    need,
    call: (metadata, { projectId }) => run(metadata, projectId),
  });
  const onCampaign = (
    name: string,
    need: IsolationVerb['need'],
    run: (metadata: Metadata, campaignId: string, projectId: string) => Promise<unknown>,
    steps: Parameters<typeof aCampaign>[1] = [],
  ): IsolationVerb => ({
    name,
    need,
    call: async (metadata, cast) => {
      const campaignId = await aCampaign(cast, steps);
      try {
        return await run(metadata, campaignId, cast.projectId);
      } finally {
        // A running campaign keeps the dialer loading its audience (a database session each):
        // the owner stops whatever the verb left running, so the cases do not pile up load.
        await call(clientAs(anonymous, cast.owner).stopCampaign({ campaignId })).catch(() => undefined);
      }
    },
  });
  const listCampaigns = (metadata: Metadata, projectId: string) =>
    call(anonymous.listCampaigns({ projectId, statuses: [], archiveFilter: ArchiveFilter.ARCHIVE_FILTER_ALL, order: CampaignOrder.CAMPAIGN_ORDER_UNSPECIFIED, page: undefined }, metadata));
  const listTemplates = (metadata: Metadata, projectId: string) => call(anonymous.listTemplates({ projectId, page: undefined }, metadata));

  const verbs: IsolationVerb[] = [
    onProject('CreateCampaign', 'write', (metadata, projectId) => call(anonymous.createCampaign({ projectId, settings: launchable(projectId), campaignId: '' }, metadata))),
    onCampaign('GetCampaign', 'read', (metadata, campaignId) => call(anonymous.getCampaign({ campaignId }, metadata))),
    onProject('ListCampaigns', 'read', listCampaigns),
    onCampaign('UpdateCampaign', 'write', (metadata, campaignId, projectId) =>
      call(anonymous.updateCampaign({ campaignId, settings: { ...launchable(projectId), name: 'Переименована' } }, metadata)),
    ),
    onCampaign('LaunchCampaign', 'write', (metadata, campaignId) => call(anonymous.launchCampaign({ campaignId }, metadata))),
    {
      name: 'PreflightCampaign',
      need: 'read',
      // A draft with no audience: the pre-flight streams nothing, so the verb needs no audiences service.
      call: async (metadata, { owner, projectId }) => {
        const { campaign } = await call(clientAs(anonymous, owner).createCampaign({ projectId, settings: { ...launchable(projectId), audienceIds: [] }, campaignId: '' }));
        return call(anonymous.preflightCampaign({ campaignId: campaign!.campaignId }, metadata));
      },
    },
    onCampaign('PauseCampaign', 'write', (metadata, campaignId) => call(anonymous.pauseCampaign({ campaignId }, metadata)), [launch]),
    onCampaign('ResumeCampaign', 'write', (metadata, campaignId) => call(anonymous.resumeCampaign({ campaignId }, metadata)), [launch, pause]),
    onCampaign('StopCampaign', 'write', (metadata, campaignId) => call(anonymous.stopCampaign({ campaignId }, metadata)), [launch]),
    onCampaign('RestartCampaign', 'write', (metadata, campaignId) => call(anonymous.restartCampaign({ campaignId }, metadata)), [launch, stop]),
    onCampaign('CopyCampaign', 'write', (metadata, campaignId) => call(anonymous.copyCampaign({ campaignId, name: 'Копия' }, metadata))),
    onCampaign('ArchiveCampaign', 'write', (metadata, campaignId) => call(anonymous.archiveCampaign({ campaignId }, metadata))),
    onCampaign('UnarchiveCampaign', 'write', (metadata, campaignId) => call(anonymous.unarchiveCampaign({ campaignId }, metadata)), [archive]),
    onCampaign('SaveCampaignAsTemplate', 'write', (metadata, campaignId) => call(anonymous.saveCampaignAsTemplate({ campaignId, name: 'Шаблон' }, metadata))),
    onProject('ListTemplates', 'read', listTemplates),
    {
      name: 'CreateCampaignFromTemplate',
      need: 'write',
      call: async (metadata, cast) => call(anonymous.createCampaignFromTemplate({ templateId: await aTemplate(cast), name: 'Из шаблона', audienceIds: [] }, metadata)),
    },
    onProject('SaveRedialRuleTemplate', 'write', (metadata, projectId) =>
      call(anonymous.saveRedialRuleTemplate({ projectId, name: 'Вежливо', redialRules: { noAnswer: { attempts: 2, intervalSeconds: 1800 } } as campaignsV1.RedialRules }, metadata)),
    ),
    onProject('ListRedialRuleTemplates', 'read', (metadata, projectId) => call(anonymous.listRedialRuleTemplates({ projectId, page: undefined }, metadata))),
  ];

  describeTenantIsolation('campaigns', () => ({
    givenProject: ({ owner, editor }) => started.projects.create({ owner, editor }),
    verbs,
    listings: [
      {
        // Naming the owner's project answers NOT_FOUND (the verbs); a project of the stranger's own
        // lists none of the owner's campaigns, once the owner's campaign is listed to the owner.
        name: 'ListCampaigns of the stranger’s own project',
        ids: async (metadata, cast) => {
          const theirs = await started.projects.create({ owner: cast.stranger });
          const campaignId = await aCampaign(cast);
          const owners = await listCampaigns(principalMetadata(cast.owner), cast.projectId);
          expect(owners.campaigns.map((campaign) => campaign.campaignId)).toContain(campaignId);
          return (await listCampaigns(metadata, theirs)).campaigns.map((campaign) => campaign.projectId);
        },
      },
      {
        name: 'ListTemplates of the stranger’s own project',
        ids: async (metadata, cast) => {
          const theirs = await started.projects.create({ owner: cast.stranger });
          await aTemplate(cast);
          expect((await listTemplates(principalMetadata(cast.owner), cast.projectId)).templates).toHaveLength(1);
          return (await listTemplates(metadata, theirs)).templates.map((template) => template.projectId);
        },
      },
    ],
  }));

  it("answers another tenant's campaign and template exactly like missing ones", async () => {
    const owner = aPrincipal('owner');
    const cast: IsolationCast = { owner, editor: owner, stranger: aPrincipal('stranger'), support: owner, projectId: await started.projects.create({ owner }) };
    const campaignId = await aCampaign(cast);
    const templateId = await aTemplate(cast);
    const stranger = clientAs(anonymous, cast.stranger);

    const theirs = await failure(stranger.getCampaign({ campaignId }));
    const missing = await failure(stranger.getCampaign({ campaignId: '0190a3b4-0000-7000-8000-000000000000' }));
    expect([theirs.code, theirs.details]).toEqual([GrpcStatus.NOT_FOUND, 'Кампания не найдена']);
    expect([missing.code, missing.details]).toEqual([theirs.code, theirs.details]);
    const launch = await failure(stranger.launchCampaign({ campaignId }));
    expect([launch.code, launch.details]).toEqual([GrpcStatus.NOT_FOUND, 'Кампания не найдена']);
    const preflight = await failure(stranger.preflightCampaign({ campaignId }));
    expect([preflight.code, preflight.details]).toEqual([GrpcStatus.NOT_FOUND, 'Кампания не найдена']);
    const template = await failure(stranger.createCampaignFromTemplate({ templateId, name: 'Чужой', audienceIds: [] }));
    expect([template.code, template.details]).toEqual([GrpcStatus.NOT_FOUND, 'Шаблон не найден']);
  });
});
