import { Controller, Module } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { NotFoundError } from '@zvonar/eventsourcing';
import { startService, type RunningService } from '@zvonar/platform';
import { scenariosV1, scenariosV1Package } from '@zvonar/proto-ts';
import type { ScenarioVersion } from '@zvonar/scenario-runtime';

/** The published versions the double serves, and every GetVersion it answered. */
class PublishedVersions {
  readonly versions = new Map<string, ScenarioVersion>();
  readonly requests: string[] = [];
}

/**
 * A stand-in for the scenarios service at its gRPC boundary (call-control must not import
 * another service): a real gRPC server answering GetVersion with the editor's document, as
 * scenarios does, and NOT_FOUND for anything not published.
 */
@Controller()
class ScenariosGetVersionController {
  constructor(private readonly published: PublishedVersions) {}

  @GrpcMethod('ScenariosService', 'GetVersion')
  getVersion(request: scenariosV1.GetVersionRequest): scenariosV1.GetVersionResponse {
    const key = `${request.scenarioId}@${request.version}`;
    this.published.requests.push(key);
    const version = this.published.versions.get(key);
    if (!version) throw new NotFoundError(`version ${key} not found`);
    const graphJson = JSON.stringify({ startNodeId: version.startNodeId, nodes: Object.values(version.nodes) });
    return { version: { scenarioId: version.scenarioId, version: version.version, graphJson, draftRevision: 1, publishedAt: new Date(), nodeCount: Object.keys(version.nodes).length } };
  }
}

export type ScenariosDouble = { readonly url: string; readonly published: PublishedVersions; stop(): Promise<void> };

export async function startScenariosDouble(versions: readonly ScenarioVersion[]): Promise<ScenariosDouble> {
  const published = new PublishedVersions();
  for (const version of versions) published.versions.set(`${version.scenarioId}@${version.version}`, version);

  @Module({ controllers: [ScenariosGetVersionController], providers: [{ provide: PublishedVersions, useValue: published }] })
  class ScenariosDoubleModule {}

  const service: RunningService = await startService(
    { name: 'scenarios-double', module: ScenariosDoubleModule, grpc: { packages: [scenariosV1Package] } },
    { HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'warn', SHUTDOWN_DELAY_MS: '0' },
  );
  return { url: service.grpcUrl, published, stop: async () => void (await service.shutdown()) };
}
