import { status as GrpcStatus } from '@grpc/grpc-js';
import { createGrpcClient, type GrpcClient } from '@zvonar/platform';
import { scenariosV1, scenariosV1Package } from '@zvonar/proto-ts';
import { parseScenario, type ScenarioVersion } from '@zvonar/scenario-runtime';
import { firstValueFrom } from 'rxjs';
import type { ScenarioRef } from '../call/domain';
import type { ScenarioCatalogue } from '../orchestration/scenario-catalogue.port';

const isNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === GrpcStatus.NOT_FOUND;

/**
 * Published versions from the scenarios service (GetVersion). Versions are immutable, so a found
 * one is cached for good; a missing one is not cached (it may be published a moment later, and
 * the dialer only sends versions it saw published). Concurrent calls for one version share one
 * request. Anything but NOT_FOUND (the service down, a deadline) throws: the PlaceCall is then
 * retried by the bus instead of being rejected for a version that exists.
 */
export class GrpcScenarioCatalogue implements ScenarioCatalogue {
  private readonly cache = new Map<string, Promise<ScenarioVersion | undefined>>();
  private readonly client: GrpcClient<scenariosV1.ScenariosServiceClient>;

  constructor(url: string, deadlineMs = 5_000) {
    this.client = createGrpcClient<scenariosV1.ScenariosServiceClient>({ url, grpcPackage: scenariosV1Package, service: scenariosV1.SCENARIOS_SERVICE_NAME, deadlineMs });
  }

  find(ref: ScenarioRef): Promise<ScenarioVersion | undefined> {
    const key = `${ref.scenarioId}@${ref.version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const loading = this.load(ref);
    this.cache.set(key, loading);
    // Only found versions stay: a miss or a failure is asked again next time.
    loading.then(
      (version) => (version ? undefined : this.cache.delete(key)),
      () => this.cache.delete(key),
    );
    return loading;
  }

  close(): void {
    this.client.close();
  }

  private async load(ref: ScenarioRef): Promise<ScenarioVersion | undefined> {
    if (ref.scenarioId === '' || !(ref.version >= 1)) return undefined;
    let response: scenariosV1.GetVersionResponse;
    try {
      response = await firstValueFrom(this.client.service.getVersion({ scenarioId: ref.scenarioId, version: ref.version }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if (!response.version) return undefined;
    const parsed = parseScenario({ ...(JSON.parse(response.version.graphJson) as object), scenarioId: ref.scenarioId, version: ref.version });
    // A published version always parsed when it was published; failing now is a contract break.
    if (!parsed.ok) throw new Error(`Scenario ${ref.scenarioId}@${ref.version} no longer parses: ${parsed.violations.map((violation) => violation.field).join(', ')}`);
    return parsed.scenario;
  }
}
