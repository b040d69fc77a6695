import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { EventStore } from '@zvonar/eventsourcing';
import { principalFromMetadata, PROJECT_ACCESS, ProjectAccessGrpcFilter, type ProjectAccess } from '@zvonar/project-access';
import { campaignsV1 } from '@zvonar/proto-ts';
import { localized } from '../../campaign/api/campaign.messages';
import { assertOnCampaign } from '../../campaign/api/campaigns.access';
import { campaignStreamId, CampaignNotFoundError } from '../../campaign/domain';
import { CAMPAIGN_EVENT_STORE } from '../../campaigns.di-tokens';
import { DialingReports, NOTHING_DIALLED } from '../infrastructure/dialing-report.queries';
import { outcomeFilterFromProto, toProtoAttempt, toProtoReport } from './dialing.grpc.mapper';

const SERVICE = campaignsV1.CAMPAIGN_DIALING_SERVICE_NAME;

/**
 * zvonar.campaigns.v1.CampaignDialingService: what the dialer did, from its attempt table. Every
 * call needs the principal the gateway forwards and read access to the campaign's project;
 * another tenant's campaign is answered exactly like a missing one.
 */
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
export class DialingGrpcController {
  constructor(
    private readonly reports: DialingReports,
    @Inject(CAMPAIGN_EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECT_ACCESS) private readonly access: ProjectAccess,
  ) {}

  @GrpcMethod(SERVICE, 'getCampaignReport')
  getCampaignReport(request: campaignsV1.GetCampaignReportRequest, metadata?: Metadata): Promise<campaignsV1.GetCampaignReportResponse> {
    return localized(metadata, async () => {
      await this.assertReadable(metadata, request.campaignId);
      return toProtoReport((await this.reports.report(request.campaignId)) ?? NOTHING_DIALLED);
    });
  }

  @GrpcMethod(SERVICE, 'listAttempts')
  listAttempts(request: campaignsV1.ListAttemptsRequest, metadata?: Metadata): Promise<campaignsV1.ListAttemptsResponse> {
    return localized(metadata, async () => {
      await this.assertReadable(metadata, request.campaignId);
      const page = await this.reports.attempts({
        campaignId: request.campaignId,
        outcomes: outcomeFilterFromProto(request.outcomes ?? []),
        pageSize: request.page?.pageSize ?? 0,
        pageToken: request.page?.pageToken ?? '',
      });
      return { attempts: page.items.map(toProtoAttempt), page: { nextPageToken: page.next ?? '' } };
    });
  }

  /**
   * The caller first (UNAUTHENTICATED before anything is looked up), then the campaign's project
   * from the creation that opens its stream (a campaign never moves between projects): a campaign
   * the dialer never saw still answers, empty, to those who may read it.
   */
  private async assertReadable(metadata: Metadata | undefined, campaignId: string): Promise<void> {
    const principal = principalFromMetadata(metadata);
    const { events } = await this.store.readStream(campaignStreamId(campaignId), { maxCount: 1 });
    const projectId = events[0]?.data['projectId'];
    if (typeof projectId !== 'string') throw new CampaignNotFoundError(campaignId);
    await assertOnCampaign(this.access, principal, { campaignId, projectId }, 'read');
  }
}
