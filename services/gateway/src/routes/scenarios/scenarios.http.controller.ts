import { Inject } from '@nestjs/common';
import type { scenariosV1 } from '@zvonar/proto-ts';
import { SCENARIOS_UPSTREAM } from '../../gateway.di-tokens';
import { GatewayController } from '../../http/gateway-controller.decorator';
import { pageOf, pageRequest } from '../../http/paging';
import { Endpoint, type RouteInput, type RouteOutput } from '../../http/route';
import { Context, Input } from '../../http/route-input.decorator';
import type { CallContext } from '../../upstream/call-context';
import type { Upstream } from '../../upstream/upstream';
import { diffOf, graphJson, scenarioOf, transcriptOf, versionOf } from './scenarios.mapper';
import * as routes from './scenarios.routes';

type Scenarios = Upstream<scenariosV1.ScenariosServiceClient>;
type Out<R> = Promise<RouteOutput<R>>;

/** Scenario drafts, published versions and test conversations: the scenarios service as REST. */
@GatewayController()
export class ScenariosHttpController {
  constructor(@Inject(SCENARIOS_UPSTREAM) private readonly scenarios: Scenarios) {}

  @Endpoint(routes.createScenario)
  async create(@Input() { params, body }: RouteInput<typeof routes.createScenario>, @Context() context: CallContext): Out<typeof routes.createScenario> {
    const request = { projectId: params.projectId, name: body.name, graphJson: graphJson(body.graph) };
    const { scenario } = await this.scenarios.call(context, (scenarios, metadata) => scenarios.createScenario(request, metadata));
    return scenarioOf(scenario);
  }

  @Endpoint(routes.listScenarios)
  async list(@Input() { params, query }: RouteInput<typeof routes.listScenarios>, @Context() context: CallContext): Out<typeof routes.listScenarios> {
    const request = { projectId: params.projectId, includeArchived: query.includeArchived === 'true', page: pageRequest(query) };
    const answer = await this.scenarios.call(context, (scenarios, metadata) => scenarios.listScenarios(request, metadata));
    return pageOf(answer.scenarios.map(scenarioOf), answer.page);
  }

  @Endpoint(routes.getScenario)
  async get(@Input() { params }: RouteInput<typeof routes.getScenario>, @Context() context: CallContext): Out<typeof routes.getScenario> {
    const { scenario } = await this.scenarios.call(context, (scenarios, metadata) => scenarios.getScenario(params, metadata));
    return scenarioOf(scenario);
  }

  @Endpoint(routes.updateDraft)
  async updateDraft(@Input() { params, body }: RouteInput<typeof routes.updateDraft>, @Context() context: CallContext): Out<typeof routes.updateDraft> {
    const request = { scenarioId: params.scenarioId, expectedRevision: body.expectedRevision, graphJson: graphJson(body.graph), name: body.name ?? '' };
    const { scenario } = await this.scenarios.call(context, (scenarios, metadata) => scenarios.updateDraft(request, metadata));
    return scenarioOf(scenario);
  }

  @Endpoint(routes.copyScenario)
  async copy(@Input() { params, body }: RouteInput<typeof routes.copyScenario>, @Context() context: CallContext): Out<typeof routes.copyScenario> {
    const request = { scenarioId: params.scenarioId, name: body.name ?? '' };
    const { scenario } = await this.scenarios.call(context, (scenarios, metadata) => scenarios.copyScenario(request, metadata));
    return scenarioOf(scenario);
  }

  @Endpoint(routes.archiveScenario)
  async archive(@Input() { params }: RouteInput<typeof routes.archiveScenario>, @Context() context: CallContext): Out<typeof routes.archiveScenario> {
    const { scenario } = await this.scenarios.call(context, (scenarios, metadata) => scenarios.archiveScenario(params, metadata));
    return scenarioOf(scenario);
  }

  @Endpoint(routes.publishVersion)
  async publish(@Input() { params, body }: RouteInput<typeof routes.publishVersion>, @Context() context: CallContext): Out<typeof routes.publishVersion> {
    const request = { scenarioId: params.scenarioId, expectedRevision: body.expectedRevision ?? 0 };
    const { version } = await this.scenarios.call(context, (scenarios, metadata) => scenarios.publishVersion(request, metadata));
    return versionOf(version);
  }

  @Endpoint(routes.listVersions)
  async listVersions(@Input() { params, query }: RouteInput<typeof routes.listVersions>, @Context() context: CallContext): Out<typeof routes.listVersions> {
    const request = { scenarioId: params.scenarioId, page: pageRequest(query) };
    const answer = await this.scenarios.call(context, (scenarios, metadata) => scenarios.listVersions(request, metadata));
    return pageOf(answer.versions.map(versionOf), answer.page);
  }

  @Endpoint(routes.getVersion)
  async getVersion(@Input() { params }: RouteInput<typeof routes.getVersion>, @Context() context: CallContext): Out<typeof routes.getVersion> {
    const { version } = await this.scenarios.call(context, (scenarios, metadata) => scenarios.getVersion(params, metadata));
    return versionOf(version);
  }

  @Endpoint(routes.diffVersions)
  async diff(@Input() { params, query }: RouteInput<typeof routes.diffVersions>, @Context() context: CallContext): Out<typeof routes.diffVersions> {
    const request = { scenarioId: params.scenarioId, fromVersion: query.from, toVersion: query.to };
    return diffOf(await this.scenarios.call(context, (scenarios, metadata) => scenarios.diffVersions(request, metadata)));
  }

  @Endpoint(routes.restoreVersion)
  async restore(@Input() { params, body }: RouteInput<typeof routes.restoreVersion>, @Context() context: CallContext): Out<typeof routes.restoreVersion> {
    const request = { scenarioId: params.scenarioId, version: params.version, expectedRevision: body.expectedRevision };
    const { scenario } = await this.scenarios.call(context, (scenarios, metadata) => scenarios.restoreVersion(request, metadata));
    return scenarioOf(scenario);
  }

  @Endpoint(routes.simulate)
  async simulate(@Input() { params, body }: RouteInput<typeof routes.simulate>, @Context() context: CallContext): Out<typeof routes.simulate> {
    const request: scenariosV1.SimulateRequest = {
      scenarioId: params.scenarioId,
      version: body.version ?? 0,
      contact: body.contact ?? { name: '', phone: '', fields: {} },
      turns: body.turns.map(({ interrupt, ...turn }) => ({ ...turn, interrupt: interrupt ?? false })),
      answeringMachine: body.answeringMachine ?? false,
    };
    return transcriptOf(await this.scenarios.call(context, (scenarios, metadata) => scenarios.simulate(request, metadata)));
  }
}
