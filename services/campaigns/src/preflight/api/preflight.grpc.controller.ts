import type { Metadata } from '@grpc/grpc-js';
import { Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { ValidationError, type FieldViolation } from '@zvonar/eventsourcing';
import { ProjectAccessGrpcFilter } from '@zvonar/project-access';
import { localized, localizedViolations } from '../../campaign/api/campaign.messages';
import { CampaignsAccess } from '../../campaign/api/campaigns.access';
import { campaignsV1 } from '../../campaign/api/campaigns.proto';
import { CampaignLifecycle } from '../../campaign/application/campaign-lifecycle';
import type { CampaignView } from '../../campaign/application/campaign-view';
import { CampaignPreflight, type CampaignPreflightResult } from '../application/campaign-preflight';

const SERVICE = campaignsV1.CAMPAIGNS_SERVICE_NAME;

const toProto = (result: CampaignPreflightResult, launchProblems: FieldViolation[]): campaignsV1.PreflightCampaignResponse => ({
  audienceContacts: result.audienceContacts,
  dialableContacts: result.dialableContacts,
  duplicates: result.duplicates,
  skipped: result.skipped,
  forecast: result.forecast,
  launchProblems,
});

/**
 * PreflightCampaign of zvonar.campaigns.v1.CampaignsService: read access to the campaign's project
 * (another tenant's campaign answers NOT_FOUND like a missing one), the campaign as its stream
 * stands now, and every reason LaunchCampaign would give, in the caller's language.
 */
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
export class PreflightGrpcController {
  constructor(
    private readonly preflight: CampaignPreflight,
    private readonly lifecycle: CampaignLifecycle,
    private readonly access: CampaignsAccess,
  ) {}

  @GrpcMethod(SERVICE, 'preflightCampaign')
  preflightCampaign(request: campaignsV1.PreflightCampaignRequest, metadata?: Metadata): Promise<campaignsV1.PreflightCampaignResponse> {
    return localized(metadata, async () => {
      const view = await this.access.campaign(metadata, request.campaignId, 'read');
      const problems = [...(await this.scenarioOfAnotherProject(view)), ...(await this.lifecycle.launchProblems(view.campaign))];
      const result = await this.preflight.run(view.campaign, problems);
      return toProto(result, localizedViolations(metadata, result.launchProblems));
    });
  }

  /** LaunchCampaign's first check (a scenario published in another project), as a violation. */
  private async scenarioOfAnotherProject(view: CampaignView): Promise<FieldViolation[]> {
    try {
      await this.access.assertScenarioOfProject(view);
      return [];
    } catch (error) {
      if (error instanceof ValidationError) return [...error.violations];
      throw error;
    }
  }
}
