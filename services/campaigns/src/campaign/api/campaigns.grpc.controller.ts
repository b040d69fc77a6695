import type { Metadata } from '@grpc/grpc-js';
import { Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { ProjectAccessGrpcFilter } from '@zvonar/project-access';
import type { ArchiveFilter } from '../application/campaign-list.port';
import { CampaignLifecycle } from '../application/campaign-lifecycle';
import { CampaignQueries } from '../application/campaign-queries';
import type { CampaignView } from '../application/campaign-view';
import { localized } from './campaign.messages';
import { CampaignsAccess } from './campaigns.access';
import { statusesFromProto, toProtoCampaign } from './campaign.mapper';
import { settingsFromProto } from './campaign-settings.mapper';
import { campaignsV1 } from './campaigns.proto';

const SERVICE = campaignsV1.CAMPAIGNS_SERVICE_NAME;

const ARCHIVE_FILTER: Record<campaignsV1.ArchiveFilter, ArchiveFilter> = {
  [campaignsV1.ArchiveFilter.ARCHIVE_FILTER_UNSPECIFIED]: 'active',
  [campaignsV1.ArchiveFilter.ARCHIVE_FILTER_ARCHIVED]: 'archived',
  [campaignsV1.ArchiveFilter.ARCHIVE_FILTER_ALL]: 'all',
};

type Answer = { campaign: campaignsV1.Campaign };
const answer = (view: CampaignView): Answer => ({ campaign: toProtoCampaign(view) });

/**
 * The campaign lifecycle methods of zvonar.campaigns.v1.CampaignsService (the template methods
 * live in templates/api). Requests in, the caller's access to the project asserted (read for get
 * and list, write for every change), application calls, proto out; errors in the caller's language.
 */
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
export class CampaignsGrpcController {
  constructor(
    private readonly lifecycle: CampaignLifecycle,
    private readonly queries: CampaignQueries,
    private readonly access: CampaignsAccess,
  ) {}

  @GrpcMethod(SERVICE, 'createCampaign')
  createCampaign(request: campaignsV1.CreateCampaignRequest, metadata?: Metadata): Promise<campaignsV1.CreateCampaignResponse> {
    return localized(metadata, async () => {
      await this.access.project(metadata, request.projectId, 'write');
      return answer(await this.lifecycle.create({ projectId: request.projectId, settings: settingsFromProto(request.settings), campaignId: request.campaignId || undefined }));
    });
  }

  @GrpcMethod(SERVICE, 'getCampaign')
  getCampaign(request: campaignsV1.GetCampaignRequest, metadata?: Metadata): Promise<campaignsV1.GetCampaignResponse> {
    // The list read model answers, as before; the access is asserted on the project it records.
    return localized(metadata, async () => answer(await this.access.campaign(metadata, request.campaignId, 'read', (id) => this.queries.get(id))));
  }

  @GrpcMethod(SERVICE, 'listCampaigns')
  listCampaigns(request: campaignsV1.ListCampaignsRequest, metadata?: Metadata): Promise<campaignsV1.ListCampaignsResponse> {
    return localized(metadata, async () => {
      await this.access.project(metadata, request.projectId, 'read');
      const page = await this.queries.page({
        projectId: request.projectId,
        statuses: statusesFromProto(request.statuses ?? []),
        archive: ARCHIVE_FILTER[request.archiveFilter] ?? 'active',
        order: request.order === campaignsV1.CampaignOrder.CAMPAIGN_ORDER_CREATED_ASC ? 'oldest' : 'newest',
        after: request.page?.pageToken || undefined,
        pageSize: request.page?.pageSize ?? 0,
      });
      return { campaigns: page.items.map(toProtoCampaign), page: { nextPageToken: page.next ?? '' } };
    });
  }

  @GrpcMethod(SERVICE, 'updateCampaign')
  updateCampaign(request: campaignsV1.UpdateCampaignRequest, metadata?: Metadata): Promise<campaignsV1.UpdateCampaignResponse> {
    return localized(metadata, async () => {
      await this.access.campaign(metadata, request.campaignId, 'write');
      return answer(await this.lifecycle.update(request.campaignId, settingsFromProto(request.settings)));
    });
  }

  @GrpcMethod(SERVICE, 'launchCampaign')
  launchCampaign(request: campaignsV1.LaunchCampaignRequest, metadata?: Metadata): Promise<campaignsV1.LaunchCampaignResponse> {
    return localized(metadata, async () => {
      await this.access.assertScenarioOfProject(await this.access.campaign(metadata, request.campaignId, 'write'));
      return answer(await this.lifecycle.launch(request.campaignId));
    });
  }

  @GrpcMethod(SERVICE, 'pauseCampaign')
  pauseCampaign(request: campaignsV1.PauseCampaignRequest, metadata?: Metadata): Promise<campaignsV1.PauseCampaignResponse> {
    return localized(metadata, async () => {
      await this.access.campaign(metadata, request.campaignId, 'write');
      return answer(await this.lifecycle.pause(request.campaignId));
    });
  }

  @GrpcMethod(SERVICE, 'resumeCampaign')
  resumeCampaign(request: campaignsV1.ResumeCampaignRequest, metadata?: Metadata): Promise<campaignsV1.ResumeCampaignResponse> {
    return localized(metadata, async () => {
      await this.access.campaign(metadata, request.campaignId, 'write');
      return answer(await this.lifecycle.resume(request.campaignId));
    });
  }

  @GrpcMethod(SERVICE, 'stopCampaign')
  stopCampaign(request: campaignsV1.StopCampaignRequest, metadata?: Metadata): Promise<campaignsV1.StopCampaignResponse> {
    return localized(metadata, async () => {
      await this.access.campaign(metadata, request.campaignId, 'write');
      return answer(await this.lifecycle.send('StopCampaign', request.campaignId));
    });
  }

  @GrpcMethod(SERVICE, 'restartCampaign')
  restartCampaign(request: campaignsV1.RestartCampaignRequest, metadata?: Metadata): Promise<campaignsV1.RestartCampaignResponse> {
    return localized(metadata, async () => {
      await this.access.campaign(metadata, request.campaignId, 'write');
      return answer(await this.lifecycle.send('RestartCampaign', request.campaignId));
    });
  }

  @GrpcMethod(SERVICE, 'copyCampaign')
  copyCampaign(request: campaignsV1.CopyCampaignRequest, metadata?: Metadata): Promise<campaignsV1.CopyCampaignResponse> {
    // The copy lands in the original's project.
    return localized(metadata, async () => {
      await this.access.campaign(metadata, request.campaignId, 'write');
      return answer(await this.lifecycle.copy(request.campaignId, request.name));
    });
  }

  @GrpcMethod(SERVICE, 'archiveCampaign')
  archiveCampaign(request: campaignsV1.ArchiveCampaignRequest, metadata?: Metadata): Promise<campaignsV1.ArchiveCampaignResponse> {
    return localized(metadata, async () => {
      await this.access.campaign(metadata, request.campaignId, 'write');
      return answer(await this.lifecycle.send('ArchiveCampaign', request.campaignId));
    });
  }

  @GrpcMethod(SERVICE, 'unarchiveCampaign')
  unarchiveCampaign(request: campaignsV1.UnarchiveCampaignRequest, metadata?: Metadata): Promise<campaignsV1.UnarchiveCampaignResponse> {
    return localized(metadata, async () => {
      await this.access.campaign(metadata, request.campaignId, 'write');
      return answer(await this.lifecycle.send('UnarchiveCampaign', request.campaignId));
    });
  }
}
