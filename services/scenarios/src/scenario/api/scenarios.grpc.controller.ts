import type { Metadata } from '@grpc/grpc-js';
import { Controller, UseFilters } from '@nestjs/common';
import { ProjectAccessGrpcFilter } from '@zvonar/project-access';
import type { Locale } from '@zvonar/scenario-runtime';
import { localeFrom } from '../application/locale';
import { ScenarioDrafts } from '../application/scenario-drafts';
import { ScenarioSimulations } from '../application/scenario-simulations';
import { ScenarioVersions } from '../application/scenario-versions';
import type { Scenario } from '../domain/scenario';
import {
  decodePageToken,
  encodePageToken,
  pageCursors,
  toProtoDiff,
  toProtoScenario,
  toProtoVersion,
} from './scenarios.grpc.mapper';
import { scenariosV1 } from './scenarios.proto';
import { ScenariosAccess } from './scenarios.access';
import { fromProtoTurn, toProtoTranscriptEntry } from './transcript.mapper';
import { refuseNulCharacters } from './nul-characters';

const localeOf = (metadata: Metadata | undefined): Locale => {
  const [value] = metadata?.get('accept-language') ?? [];
  return localeFrom(typeof value === 'string' ? value : undefined);
};

/**
 * zvonar.scenarios.v1.ScenariosService: requests in, the caller's access to the project asserted,
 * application calls, proto out. Every method needs the principal the gateway forwards
 * (UNAUTHENTICATED without one) except GetVersion, which internal callers (call-control) use without.
 */
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
@scenariosV1.ScenariosServiceControllerMethods()
export class ScenariosGrpcController implements scenariosV1.ScenariosServiceController {
  constructor(
    private readonly drafts: ScenarioDrafts,
    private readonly versions: ScenarioVersions,
    private readonly simulations: ScenarioSimulations,
    private readonly access: ScenariosAccess,
  ) {}

  private async withIssues(scenario: Scenario, locale: Locale): Promise<scenariosV1.Scenario> {
    return toProtoScenario(scenario, await this.drafts.issues(scenario, locale));
  }

  async createScenario(
    request: scenariosV1.CreateScenarioRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.CreateScenarioResponse> {
    await this.access.project(metadata, request.projectId, 'write');
    const locale = localeOf(metadata);
    refuseNulCharacters({ name: { text: request.name }, graph: { text: request.graphJson, json: true } }, locale);
    return { scenario: await this.withIssues(await this.drafts.create(request, locale), locale) };
  }

  async getScenario(
    request: scenariosV1.GetScenarioRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.GetScenarioResponse> {
    await this.access.scenario(metadata, request.scenarioId, 'read');
    return { scenario: await this.withIssues(await this.drafts.get(request.scenarioId), localeOf(metadata)) };
  }

  async updateDraft(
    request: scenariosV1.UpdateDraftRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.UpdateDraftResponse> {
    await this.access.scenario(metadata, request.scenarioId, 'write');
    const locale = localeOf(metadata);
    refuseNulCharacters({ name: { text: request.name }, graph: { text: request.graphJson, json: true } }, locale);
    return { scenario: await this.withIssues(await this.drafts.update(request, locale), locale) };
  }

  async copyScenario(
    request: scenariosV1.CopyScenarioRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.CopyScenarioResponse> {
    // The copy lands in the original's project.
    await this.access.scenario(metadata, request.scenarioId, 'write');
    const locale = localeOf(metadata);
    refuseNulCharacters({ name: { text: request.name } }, locale);
    return { scenario: await this.withIssues(await this.drafts.copy(request, locale), locale) };
  }

  async archiveScenario(
    request: scenariosV1.ArchiveScenarioRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.ArchiveScenarioResponse> {
    await this.access.scenario(metadata, request.scenarioId, 'write');
    return { scenario: await this.withIssues(await this.drafts.archive(request.scenarioId), localeOf(metadata)) };
  }

  async listScenarios(
    request: scenariosV1.ListScenariosRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.ListScenariosResponse> {
    await this.access.project(metadata, request.projectId, 'read');
    const locale = localeOf(metadata);
    const page = await this.drafts.list({
      projectId: request.projectId,
      includeArchived: request.includeArchived,
      after: decodePageToken(request.page?.pageToken ?? '', pageCursors.scenarioId, locale),
      pageSize: request.page?.pageSize ?? 0,
    });
    return {
      scenarios: await Promise.all(page.items.map((scenario) => this.withIssues(scenario, locale))),
      page: { nextPageToken: encodePageToken(page.next) },
    };
  }

  async publishVersion(
    request: scenariosV1.PublishVersionRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.PublishVersionResponse> {
    await this.access.scenario(metadata, request.scenarioId, 'write');
    return { version: toProtoVersion(await this.versions.publish(request, localeOf(metadata))) };
  }

  async listVersions(
    request: scenariosV1.ListVersionsRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.ListVersionsResponse> {
    await this.access.scenario(metadata, request.scenarioId, 'read');
    const before = decodePageToken(request.page?.pageToken ?? '', pageCursors.version, localeOf(metadata));
    const page = await this.versions.list({
      scenarioId: request.scenarioId,
      before: before === undefined ? undefined : Number(before),
      pageSize: request.page?.pageSize ?? 0,
    });
    return {
      versions: page.items.map((version) => toProtoVersion(version, false)),
      page: { nextPageToken: encodePageToken(page.next) },
    };
  }

  async getVersion(request: scenariosV1.GetVersionRequest, metadata?: Metadata): Promise<scenariosV1.GetVersionResponse> {
    await this.access.publishedVersion(metadata, request.scenarioId);
    return { version: toProtoVersion(await this.versions.get(request.scenarioId, request.version)) };
  }

  async diffVersions(
    request: scenariosV1.DiffVersionsRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.DiffVersionsResponse> {
    await this.access.scenario(metadata, request.scenarioId, 'read');
    return toProtoDiff(await this.versions.diff(request));
  }

  async restoreVersion(
    request: scenariosV1.RestoreVersionRequest,
    metadata?: Metadata,
  ): Promise<scenariosV1.RestoreVersionResponse> {
    await this.access.scenario(metadata, request.scenarioId, 'write');
    const locale = localeOf(metadata);
    return { scenario: await this.withIssues(await this.versions.restore(request, locale), locale) };
  }

  async simulate(request: scenariosV1.SimulateRequest, metadata?: Metadata): Promise<scenariosV1.SimulateResponse> {
    // A test conversation changes nothing: whoever may read the scenario may run one.
    await this.access.scenario(metadata, request.scenarioId, 'read');
    const contact = request.contact ?? { name: '', phone: '', fields: {} };
    const simulation = await this.simulations.simulate({
      scenarioId: request.scenarioId,
      version: request.version,
      contact: { id: 'simulated', name: contact.name, phone: contact.phone, fields: contact.fields ?? {} },
      turns: request.turns.map(fromProtoTurn),
      answeringMachine: request.answeringMachine,
    });
    return { transcript: simulation.transcript.map(toProtoTranscriptEntry), finished: simulation.finished };
  }
}
