import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { ValidationError, type EventStore, type FieldViolation } from '@zvonar/eventsourcing';
import { CLOCK, type Clock } from '@zvonar/platform';
import { principalFromMetadata, PROJECT_ACCESS, ProjectAccessGrpcFilter, type ProjectAccess } from '@zvonar/project-access';
import { campaignsV1 } from '@zvonar/proto-ts';
import type { Observable } from 'rxjs';
import { localeOf, localized } from '../../campaign/api/campaign.messages';
import { assertOnCampaign } from '../../campaign/api/campaigns.access';
import { CampaignNotFoundError, campaignStreamId } from '../../campaign/domain';
import { CAMPAIGN_EVENT_STORE } from '../../campaigns.di-tokens';
import { checkRange, liveProgress, type Bucket, type ValidRange } from '../domain';
import { CampaignProgressQuery } from '../infrastructure/campaign-progress.query';
import { CsvExports } from '../infrastructure/csv-exports';
import { StatisticsQueries } from '../infrastructure/statistics.queries';
import { inLocale } from './analytics.messages';
import { bucketFromProto, NOT_STARTED, toProtoCampaignStatistics, toProtoProgress, toProtoProjectStatistics } from './analytics.grpc.mapper';
import { pacedByCall, type WritableCall } from './paced-stream';

const SERVICE = campaignsV1.CAMPAIGN_ANALYTICS_SERVICE_NAME;
const TOP_CAMPAIGNS = { default: 5, max: 50 };

const invalid = (violations: FieldViolation[], metadata: Metadata | undefined): ValidationError =>
  new ValidationError('The request is invalid', inLocale(violations, localeOf(metadata)));

/** PostgreSQL's zone database may lack a zone ICU knows: "time zone ... not recognized" is the caller's field too. */
const unknownZoneOf = (error: unknown, zone: string): FieldViolation[] | null =>
  (error as { code?: unknown }).code === '22023' && /time zone/i.test(String((error as Error).message))
    ? [{ field: 'time_zone', code: 'UNKNOWN_TIME_ZONE', message: `${zone} is not an IANA time zone` }]
    : null;

/**
 * zvonar.campaigns.v1.CampaignAnalyticsService: figures read from the dialer's tables. Every call
 * needs the principal the gateway forwards and read access to the project (a campaign's project
 * is the one its stream was created in); another tenant's campaign answers like a missing one.
 */
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
export class AnalyticsGrpcController {
  constructor(
    private readonly progress: CampaignProgressQuery,
    private readonly statistics: StatisticsQueries,
    private readonly exports: CsvExports,
    @Inject(CAMPAIGN_EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECT_ACCESS) private readonly access: ProjectAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @GrpcMethod(SERVICE, 'getCampaignProgress')
  getCampaignProgress(request: campaignsV1.GetCampaignProgressRequest, metadata?: Metadata): Promise<campaignsV1.GetCampaignProgressResponse> {
    return localized(metadata, async () => {
      await this.assertCampaignReadable(metadata, request.campaignId);
      const now = this.clock.now();
      const counts = await this.progress.counts(request.campaignId, now);
      if (!counts) return { ...NOT_STARTED, asOf: now };
      return toProtoProgress(counts, liveProgress(counts, now), now);
    });
  }

  @GrpcMethod(SERVICE, 'getCampaignStatistics')
  getCampaignStatistics(request: campaignsV1.GetCampaignStatisticsRequest, metadata?: Metadata): Promise<campaignsV1.GetCampaignStatisticsResponse> {
    return localized(metadata, async () => {
      await this.assertCampaignReadable(metadata, request.campaignId);
      const range = this.range(metadata, request, bucketFromProto(request.bucket));
      const statistics = await this.inZone(metadata, range, () => this.statistics.campaign(request.campaignId, range));
      return toProtoCampaignStatistics(statistics, range.timeZone);
    });
  }

  @GrpcMethod(SERVICE, 'getProjectStatistics')
  getProjectStatistics(request: campaignsV1.GetProjectStatisticsRequest, metadata?: Metadata): Promise<campaignsV1.GetProjectStatisticsResponse> {
    return localized(metadata, async () => {
      const principal = principalFromMetadata(metadata);
      if (request.projectId.trim() === '') throw invalid([{ field: 'project_id', code: 'REQUIRED', message: 'project_id is required' }], metadata);
      await this.access.assertAccess(principal, request.projectId, 'read');
      const top = request.topCampaigns || TOP_CAMPAIGNS.default;
      const violations: FieldViolation[] = [];
      if (top < 0 || top > TOP_CAMPAIGNS.max) violations.push({ field: 'top_campaigns', code: 'OUT_OF_RANGE', message: `a whole number from 0 to ${TOP_CAMPAIGNS.max}` });
      const range = this.range(metadata, request, 'day', violations);
      const statistics = await this.inZone(metadata, range, () => this.statistics.project(request.projectId, range));
      return toProtoProjectStatistics(statistics, range.timeZone, top);
    });
  }

  @GrpcMethod(SERVICE, 'exportCampaignGoals')
  exportCampaignGoals(request: campaignsV1.ExportCampaignGoalsRequest, metadata?: Metadata, call?: WritableCall): Observable<campaignsV1.ExportCampaignGoalsResponse> {
    return this.download(metadata, call, request, (zone) => this.exports.goals(request.campaignId, zone, localeOf(metadata)));
  }

  @GrpcMethod(SERVICE, 'exportCampaignReport')
  exportCampaignReport(request: campaignsV1.ExportCampaignReportRequest, metadata?: Metadata, call?: WritableCall): Observable<campaignsV1.ExportCampaignReportResponse> {
    return this.download(metadata, call, request, (zone) => this.exports.report(request.campaignId, zone, localeOf(metadata)));
  }

  /** A CSV file in chunks, once the caller may read the campaign and its zone is known. */
  private download(
    metadata: Metadata | undefined,
    call: WritableCall | undefined,
    request: { campaignId: string; timeZone: string },
    file: (zone: string) => AsyncGenerator<Buffer> | Promise<AsyncGenerator<Buffer>>,
  ): Observable<{ data: Buffer }> {
    const chunks = async function* (this: AnalyticsGrpcController) {
      const zone = await localized(metadata, async () => {
        await this.assertCampaignReadable(metadata, request.campaignId);
        // Only the zone is checked: the range's other fields do not apply to a download.
        const check = checkRange({ from: new Date(0), to: new Date(1), bucket: 'day', timeZone: request.timeZone });
        if (!check.ok) throw invalid(check.violations, metadata);
        return check.range.timeZone;
      });
      for await (const data of await file(zone)) yield { data };
    };
    return pacedByCall(() => chunks.call(this), call);
  }

  private range(metadata: Metadata | undefined, request: { from?: Date | undefined; to?: Date | undefined; timeZone: string }, bucket: Bucket, earlier: FieldViolation[] = []): ValidRange {
    const check = checkRange({ from: request.from, to: request.to, bucket, timeZone: request.timeZone });
    const violations = [...earlier, ...(check.ok ? [] : check.violations)];
    if (!check.ok || violations.length > 0) throw invalid(violations, metadata);
    return check.range;
  }

  private async inZone<T>(metadata: Metadata | undefined, range: ValidRange, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const violations = unknownZoneOf(error, range.timeZone);
      throw violations ? invalid(violations, metadata) : error;
    }
  }

  /**
   * The caller first (UNAUTHENTICATED before anything is looked up), then the campaign's project
   * from the creation that opens its stream (a campaign never moves between projects).
   */
  private async assertCampaignReadable(metadata: Metadata | undefined, campaignId: string): Promise<void> {
    const principal = principalFromMetadata(metadata);
    const { events } = await this.store.readStream(campaignStreamId(campaignId), { maxCount: 1 });
    const projectId = events[0]?.data['projectId'];
    if (typeof projectId !== 'string') throw new CampaignNotFoundError(campaignId);
    await assertOnCampaign(this.access, principal, { campaignId, projectId }, 'read');
  }
}
