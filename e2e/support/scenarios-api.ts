import type { Metadata } from '@grpc/grpc-js';
import { createGrpcClient, type GrpcClient } from '@zvonar/platform';
import { principalMetadata, type Principal } from '@zvonar/project-access';
import { grpcPackage } from '@zvonar/proto-ts';
import { scenariosV1 } from '@zvonar/proto-ts';
import { firstValueFrom } from 'rxjs';

const scenariosPackage = grpcPackage('zvonar.scenarios.v1', 'scenarios_service.proto', 'scenario_events.proto');

/**
 * The scenarios gRPC API as the gateway calls it: the proto contract only, every call on behalf of
 * `caller` (its principal in the metadata; scenarios checks the caller's access to the project).
 */
export class ScenariosApi {
  private readonly client: GrpcClient<scenariosV1.ScenariosServiceClient>;

  constructor(
    grpcUrl: string,
    private readonly caller: Principal,
  ) {
    this.client = createGrpcClient<scenariosV1.ScenariosServiceClient>({
      url: grpcUrl,
      grpcPackage: scenariosPackage,
      service: scenariosV1.SCENARIOS_SERVICE_NAME,
      deadlineMs: 10_000,
    });
  }

  /** A scenario whose draft answers, greets and hangs up; returns its id. */
  async createScenario(projectId: string, name: string): Promise<string> {
    const { scenario } = await firstValueFrom(this.client.service.createScenario({ projectId, name, graphJson: '' }, this.metadata()));
    return scenario!.scenarioId;
  }

  /** Saves a new greeting into the draft (a new draft revision) and publishes it; returns the version number. */
  async publishGreeting(scenarioId: string, greeting: string): Promise<number> {
    const { scenario } = await firstValueFrom(this.client.service.getScenario({ scenarioId }, this.metadata()));
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
      this.client.service.updateDraft({ scenarioId, expectedRevision: scenario!.draftRevision, graphJson, name: '' }, this.metadata()),
    );
    const { version } = await firstValueFrom(
      this.client.service.publishVersion({ scenarioId, expectedRevision: saved!.draftRevision }, this.metadata()),
    );
    return version!.version;
  }

  private metadata(): Metadata {
    return principalMetadata(this.caller);
  }

  close(): void {
    this.client.close();
  }
}
