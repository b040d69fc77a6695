import { campaignsService } from '@zvonar/campaigns';
import { hostServices, type HostedServices } from '@zvonar/platform';
import { projectsService } from '@zvonar/projects';
import { scenariosService } from '@zvonar/scenarios';
import { createTestDatabase, describeWithPostgres, eventually } from '@zvonar/testing';
import { CampaignsReadModel } from './support/campaigns-read-model';
import { aMarketer, ProjectsApi } from './support/projects-api';
import { ScenariosApi } from './support/scenarios-api';

/**
 * The all-in-one mode: projects, scenarios and campaigns hosted in one process, each on its own
 * loopback gRPC port, sharing one PostgreSQL, events carried by the embedded bus (no broker
 * anywhere). Scenarios checks the marketer's access to the project on every call.
 */
describeWithPostgres('scenario versions reach campaigns in the all-in-one mode (embedded bus)', (serverUrl) => {
  let database: { url: string; drop(): Promise<void> };
  let hosted: HostedServices;
  let api: ScenariosApi;
  let projects: ProjectsApi;
  const marketer = aMarketer();
  let readModel: CampaignsReadModel;

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl, 'e2e_all_in_one');
    hosted = await hostServices([projectsService, scenariosService, campaignsService], {
      DATABASE_URL: database.url,
      BUS: 'embedded',
      LOG_LEVEL: 'warn',
    });
    const grpcUrlOf = (name: string) => hosted.services.find((service) => service.name === name)!.grpcUrl;
    api = new ScenariosApi(grpcUrlOf('scenarios'), marketer);
    projects = new ProjectsApi(grpcUrlOf('projects'));
    readModel = new CampaignsReadModel(database.url);
  }, 60_000);

  afterAll(async () => {
    api?.close();
    projects?.close();
    await readModel?.close();
    await hosted?.shutdown();
    await database?.drop();
  });

  it('a version published through the scenarios gRPC API appears in campaigns’ read model, once', async () => {
    // Created a moment ago: scenarios asks projects instead of waiting for the project's events.
    const projectId = await projects.createProject(marketer, 'Обзвон');
    const scenarioId = await api.createScenario(projectId, 'Приветствие');
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
