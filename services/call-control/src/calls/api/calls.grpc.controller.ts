import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { NotFoundError, ValidationError, type EventStore } from '@zvonar/eventsourcing';
import { CLOCK, PG_POOL, SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import { ProjectAccessGrpcFilter } from '@zvonar/project-access';
import { callControlV1 } from '@zvonar/proto-ts';
import type { Locale } from '@zvonar/scenario-runtime';
import type { Pool } from 'pg';
import { callStreamId, type CallEvent } from '../../call/domain';
import { CALL_EVENT_STORE } from '../../call-control.di-tokens';
import type { CallControlConfig } from '../../config/call-control.config';
import { fromProtoOutcome } from '../../integration/call-events.proto-mapper';
import { PostgresSimulationProfiles } from '../../simulation/postgres.simulation-profiles';
import { configuredMixOf, defaultMix, toProtoMix } from '../../simulation/simulation-mix';
import { evolveCallSummary, type CallSummary } from '../read-model/call-summary.projection';
import { listCalls } from '../read-model/calls.table';
import { CallsAccess } from './calls.access';
import { decodeCursor, encodeCursor, toProtoCall } from './calls.grpc.mapper';
import { toTimelineEvent } from './call-timeline.mapper';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

/** Russian unless the caller asked for English ("en", "en-US, ru;q=0.5"). */
const localeOf = (metadata: Metadata | undefined): Locale => {
  const [value] = metadata?.get('accept-language') ?? [];
  return typeof value === 'string' && value.trim().toLowerCase().startsWith('en') ? 'en' : 'ru';
};

const texts = {
  notFound: { ru: 'Звонок не найден', en: 'Call not found' },
  invalid: { ru: 'Неверный запрос', en: 'Invalid request' },
  required: { ru: 'Обязательное поле', en: 'Required' },
  pageSize: { ru: `От 0 до ${MAX_PAGE}`, en: `0 to ${MAX_PAGE}` },
  pageToken: { ru: 'Неизвестный курсор страницы', en: 'Unknown page token' },
  range: { ru: 'Конец периода должен быть позже начала', en: 'The end of the range must be after its start' },
} as const;

/**
 * zvonar.callcontrol.v1.CallsService: call detail from the stream, lists from the calls table,
 * simulation settings. Every method needs the caller's principal (UNAUTHENTICATED without one) and
 * access to the project: read for the call, the list and the simulation, write to configure it.
 */
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
@callControlV1.CallsServiceControllerMethods()
export class CallsGrpcController implements callControlV1.CallsServiceController {
  constructor(
    @Inject(CALL_EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: CallControlConfig,
    private readonly simulations: PostgresSimulationProfiles,
    private readonly access: CallsAccess,
  ) {}

  /** Read from the stream, not the table: the detail is never behind what the call recorded. */
  async getCall(request: callControlV1.GetCallRequest, metadata?: Metadata): Promise<callControlV1.GetCallResponse> {
    const principal = this.access.principal(metadata);
    const locale = localeOf(metadata);
    if (request.callId.trim() === '') throw new ValidationError(texts.invalid[locale], [{ field: 'call_id', code: 'REQUIRED', message: texts.required[locale] }]);
    const { events } = await this.store.readStream<CallEvent>(callStreamId(request.callId));
    const summary = events.reduce<CallSummary | null>((current, event) => evolveCallSummary(current, event), null);
    const notFound = () => new NotFoundError(texts.notFound[locale]);
    if (!summary) throw notFound();
    await this.access.call(principal, summary.projectId, notFound);
    return { call: toProtoCall(summary), timeline: events.map(toTimelineEvent) };
  }

  async listCalls(request: callControlV1.ListCallsRequest, metadata?: Metadata): Promise<callControlV1.ListCallsResponse> {
    await this.access.project(this.access.principal(metadata), request.projectId, 'read');
    const locale = localeOf(metadata);
    const violations = [];
    if (request.projectId.trim() === '') violations.push({ field: 'project_id', code: 'REQUIRED', message: texts.required[locale] });
    const pageSize = request.page?.pageSize ?? 0;
    if (pageSize < 0 || pageSize > MAX_PAGE) violations.push({ field: 'page.page_size', code: 'OUT_OF_RANGE', message: texts.pageSize[locale] });
    const token = request.page?.pageToken ?? '';
    const after = token === '' ? undefined : decodeCursor(token);
    if (token !== '' && !after) violations.push({ field: 'page.page_token', code: 'INVALID_TOKEN', message: texts.pageToken[locale] });
    if (request.requestedFrom && request.requestedTo && request.requestedFrom >= request.requestedTo) violations.push({ field: 'requested_to', code: 'EMPTY_RANGE', message: texts.range[locale] });
    if (violations.length > 0) throw new ValidationError(texts.invalid[locale], violations);
    const outcome = fromProtoOutcome(request.outcome);
    const page = await listCalls(
      this.pool,
      {
        projectId: request.projectId,
        ...(request.campaignId ? { campaignId: request.campaignId } : {}),
        ...(request.contactId ? { contactId: request.contactId } : {}),
        ...(outcome ? { outcome } : {}),
        ...(request.requestedFrom ? { from: request.requestedFrom } : {}),
        ...(request.requestedTo ? { to: request.requestedTo } : {}),
      },
      pageSize === 0 ? DEFAULT_PAGE : pageSize,
      after,
    );
    return { calls: page.calls.map(toProtoCall), page: { nextPageToken: encodeCursor(page.next) } };
  }

  async configureSimulation(request: callControlV1.ConfigureSimulationRequest, metadata?: Metadata): Promise<callControlV1.ConfigureSimulationResponse> {
    await this.access.project(this.access.principal(metadata), request.projectId, 'write');
    const mix = configuredMixOf(request, localeOf(metadata));
    await this.simulations.save({ projectId: request.projectId, seed: request.seed, mix }, this.clock.now());
    return { simulation: { projectId: request.projectId, seed: request.seed, mix: toProtoMix(mix), configured: true } };
  }

  async getSimulation(request: callControlV1.GetSimulationRequest, metadata?: Metadata): Promise<callControlV1.GetSimulationResponse> {
    await this.access.project(this.access.principal(metadata), request.projectId, 'read');
    const locale = localeOf(metadata);
    if (request.projectId.trim() === '') throw new ValidationError(texts.invalid[locale], [{ field: 'project_id', code: 'REQUIRED', message: texts.required[locale] }]);
    const stored = await this.simulations.find(request.projectId);
    return {
      simulation: stored
        ? { projectId: request.projectId, seed: stored.seed, mix: toProtoMix(stored.mix), configured: true }
        : { projectId: request.projectId, seed: this.config.SIMULATION_SEED, mix: toProtoMix(defaultMix), configured: false },
    };
  }
}
