import { campaignsService } from '@zvonar/campaigns';
import { hostServices, type HostedServices } from '@zvonar/platform';
import { scenariosService } from '@zvonar/scenarios';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { CampaignsReadModel } from './support/campaigns-read-model';
import { ScenariosApi } from './support/scenarios-api';

/**
 * The all-in-one mode: scenarios and campaigns hosted in one process, each on its own loopback
 * gRPC port, sharing one PostgreSQL, events carried by the embedded bus (no broker anywhere).
 */
describeWithPostgres('scenario versions reach campaigns in the all-in-one mode (embedded bus)', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let hosted: HostedServices;
  let api: ScenariosApi;
  let readModel: CampaignsReadModel;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'e2e_all_in_one');
    hosted = await hostServices([scenariosService, campaignsService], {
      DATABASE_URL: database.url,
      BUS: 'embedded',
      LOG_LEVEL: 'warn',
    });
    api = new ScenariosApi(hosted.services.find((service) => service.name === 'scenarios')!.grpcUrl);
    readModel = new CampaignsReadModel(database.url);
  }, 60_000);

  afterAll(async () => {
    api?.close();
    await readModel?.close();
    await hosted?.shutdown();
    await database?.drop();
  });

  it('a version published through the scenarios gRPC API appears in campaigns’ read model, once', async () => {
    const scenarioId = await api.createScenario('project-e2e', 'Приветствие');
    expect(await api.publishGreeting(scenarioId, 'Здравствуйте!')).toBe(1);
    expect(await api.publishGreeting(scenarioId, 'Добрый день!')).toBe(2);

    await eventually(async () => (await readModel.versions(scenarioId)).length === 2, {
      timeoutMs: 20_000,
      what: 'both versions in campaigns',
    });
    expect(await readModel.versions(scenarioId)).toEqual([1, 2]);
    expect(await readModel.appliedCount(scenarioId)).toBe(2);
  });
});
