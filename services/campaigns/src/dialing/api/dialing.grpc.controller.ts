import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { EventStore } from '@zvonar/eventsourcing';
import { campaignsV1 } from '@zvonar/proto-ts';
import { localized } from '../../campaign/api/campaign.messages';
import { campaignStreamId, CampaignNotFoundError } from '../../campaign/domain';
import { CAMPAIGN_EVENT_STORE } from '../../campaigns.di-tokens';
import { DialingReports, NOTHING_DIALLED } from '../infrastructure/dialing-report.queries';
import { outcomeFilterFromProto, toProtoAttempt, toProtoReport } from './dialing.grpc.mapper';

const SERVICE = campaignsV1.CAMPAIGN_DIALING_SERVICE_NAME;

/** zvonar.campaigns.v1.CampaignDialingService: what the dialer did, from its attempt table. */
@Controller()
export class DialingGrpcController {
  constructor(
    private readonly reports: DialingReports,
    @Inject(CAMPAIGN_EVENT_STORE) private readonly store: EventStore,
  ) {}

  @GrpcMethod(SERVICE, 'getCampaignReport')
  getCampaignReport(request: campaignsV1.GetCampaignReportRequest, metadata?: Metadata): Promise<campaignsV1.GetCampaignReportResponse> {
    return localized(metadata, async () => toProtoReport((await this.reports.report(request.campaignId)) ?? (await this.neverStarted(request.campaignId))));
  }

  @GrpcMethod(SERVICE, 'listAttempts')
  listAttempts(request: campaignsV1.ListAttemptsRequest, metadata?: Metadata): Promise<campaignsV1.ListAttemptsResponse> {
    return localized(metadata, async () => {
      const page = await this.reports.attempts({
        campaignId: request.campaignId,
        outcomes: outcomeFilterFromProto(request.outcomes ?? []),
        pageSize: request.page?.pageSize ?? 0,
        pageToken: request.page?.pageToken ?? '',
      });
      if (page.items.length === 0 && !request.page?.pageToken && !(await this.reports.report(request.campaignId))) await this.neverStarted(request.campaignId);
      return { attempts: page.items.map(toProtoAttempt), page: { nextPageToken: page.next ?? '' } };
    });
  }

  /** A campaign the dialer never saw: empty if it exists, NOT_FOUND otherwise. */
  private async neverStarted(campaignId: string) {
    const { currentRevision } = await this.store.readStream(campaignStreamId(campaignId), { maxCount: 1 });
    if (currentRevision === null) throw new CampaignNotFoundError(campaignId);
    return NOTHING_DIALLED;
  }
}
