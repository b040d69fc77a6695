import { createGrpcClient, type GrpcClient } from '@zvonar/platform';
import { grpcPackage } from '@zvonar/proto-ts';
import { scenariosV1 } from '@zvonar/proto-ts';
import { firstValueFrom } from 'rxjs';

const scenariosPackage = grpcPackage('zvonar.scenarios.v1', 'scenarios_service.proto', 'scenario_events.proto');

/** The scenarios gRPC API as any client of the platform sees it: the proto contract only. */
export class ScenariosApi {
  private readonly client: GrpcClient<scenariosV1.ScenariosServiceClient>;

  constructor(grpcUrl: string) {
    this.client = createGrpcClient<scenariosV1.ScenariosServiceClient>({
      url: grpcUrl,
      grpcPackage: scenariosPackage,
      service: scenariosV1.SCENARIOS_SERVICE_NAME,
      deadlineMs: 10_000,
    });
  }

  /** A scenario whose draft answers, greets and hangs up; returns its id. */
  async createScenario(projectId: string, name: string): Promise<string> {
    const { scenario } = await firstValueFrom(this.client.service.createScenario({ projectId, name, graphJson: '' }));
    return scenario!.scenarioId;
  }

  /** Saves a new greeting into the draft (a new draft revision) and publishes it; returns the version number. */
  async publishGreeting(scenarioId: string, greeting: string): Promise<number> {
    const { scenario } = await firstValueFrom(this.client.service.getScenario({ scenarioId }));
    const graphJson = JSON.stringify({
      startNodeId: 'answer',
      nodes: [
        {
          id: 'answer',
          cards: [
            { type: 'Play', id: 'greeting', source: { kind: 'text', text: greeting } },
            { type: 'Hangup', id: 'end' },
          ],
        },
      ],
    });
    const { scenario: saved } = await firstValueFrom(
      this.client.service.updateDraft({ scenarioId, expectedRevision: scenario!.draftRevision, graphJson, name: '' }),
    );
    const { version } = await firstValueFrom(
      this.client.service.publishVersion({ scenarioId, expectedRevision: saved!.draftRevision }),
    );
    return version!.version;
  }

  close(): void {
    this.client.close();
  }
}
