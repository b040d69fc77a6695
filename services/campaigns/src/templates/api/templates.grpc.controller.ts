import type { Metadata } from '@grpc/grpc-js';
import { Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { ProjectAccessGrpcFilter } from '@zvonar/project-access';
import { localized } from '../../campaign/api/campaign.messages';
import { CampaignsAccess } from '../../campaign/api/campaigns.access';
import { toProtoCampaign } from '../../campaign/api/campaign.mapper';
import { redialRulesFromProto, redialRulesToProto, settingsToProto } from '../../campaign/api/campaign-settings.mapper';
import { campaignsV1 } from '../../campaign/api/campaigns.proto';
import { CallTaskTemplates } from '../application/call-task-templates';
import type { CallTaskTemplate, RedialRuleTemplate } from '../domain';

const SERVICE = campaignsV1.CAMPAIGNS_SERVICE_NAME;

const toProtoTemplate = (template: CallTaskTemplate): campaignsV1.CallTaskTemplate => ({
  templateId: template.templateId,
  projectId: template.projectId,
  name: template.name,
  settings: settingsToProto(template.settings),
  sourceCampaignId: template.sourceCampaignId,
  savedAt: template.savedAt,
});

const toProtoRedialRuleTemplate = (template: RedialRuleTemplate): campaignsV1.RedialRuleTemplate => ({
  templateId: template.templateId,
  projectId: template.projectId,
  name: template.name,
  redialRules: redialRulesToProto(template.rules),
  savedAt: template.savedAt,
});

/**
 * The template methods of zvonar.campaigns.v1.CampaignsService: the caller's access asserted on
 * the project (read to list, write to save or to create a campaign), as for the campaigns.
 */
@Controller()
@UseFilters(ProjectAccessGrpcFilter)
export class TemplatesGrpcController {
  constructor(
    private readonly templates: CallTaskTemplates,
    private readonly access: CampaignsAccess,
  ) {}

  @GrpcMethod(SERVICE, 'saveCampaignAsTemplate')
  saveCampaignAsTemplate(request: campaignsV1.SaveCampaignAsTemplateRequest, metadata?: Metadata): Promise<campaignsV1.SaveCampaignAsTemplateResponse> {
    // The template is saved in the campaign's project.
    return localized(metadata, async () => {
      await this.access.campaign(metadata, request.campaignId, 'write');
      return { template: toProtoTemplate(await this.templates.saveCampaign(request.campaignId, request.name)) };
    });
  }

  @GrpcMethod(SERVICE, 'listTemplates')
  listTemplates(request: campaignsV1.ListTemplatesRequest, metadata?: Metadata): Promise<campaignsV1.ListTemplatesResponse> {
    return localized(metadata, async () => {
      await this.access.project(metadata, request.projectId, 'read');
      const page = await this.templates.list({ projectId: request.projectId, after: request.page?.pageToken || undefined, pageSize: request.page?.pageSize ?? 0 });
      return { templates: page.items.map(toProtoTemplate), page: { nextPageToken: page.next ?? '' } };
    });
  }

  @GrpcMethod(SERVICE, 'createCampaignFromTemplate')
  createCampaignFromTemplate(
    request: campaignsV1.CreateCampaignFromTemplateRequest,
    metadata?: Metadata,
  ): Promise<campaignsV1.CreateCampaignFromTemplateResponse> {
    // The campaign is created in the template's project.
    return localized(metadata, async () => {
      await this.access.template(metadata, request.templateId, 'write');
      return { campaign: toProtoCampaign(await this.templates.createCampaign(request.templateId, { name: request.name, audienceIds: request.audienceIds ?? [] })) };
    });
  }

  @GrpcMethod(SERVICE, 'saveRedialRuleTemplate')
  saveRedialRuleTemplate(request: campaignsV1.SaveRedialRuleTemplateRequest, metadata?: Metadata): Promise<campaignsV1.SaveRedialRuleTemplateResponse> {
    return localized(metadata, async () => {
      await this.access.project(metadata, request.projectId, 'write');
      const rules = redialRulesFromProto(request.redialRules);
      return { template: toProtoRedialRuleTemplate(await this.templates.saveRedialRules({ projectId: request.projectId, name: request.name, rules })) };
    });
  }

  @GrpcMethod(SERVICE, 'listRedialRuleTemplates')
  listRedialRuleTemplates(request: campaignsV1.ListRedialRuleTemplatesRequest, metadata?: Metadata): Promise<campaignsV1.ListRedialRuleTemplatesResponse> {
    return localized(metadata, async () => {
      await this.access.project(metadata, request.projectId, 'read');
      const page = await this.templates.listRedialRules({ projectId: request.projectId, after: request.page?.pageToken || undefined, pageSize: request.page?.pageSize ?? 0 });
      return { templates: page.items.map(toProtoRedialRuleTemplate), page: { nextPageToken: page.next ?? '' } };
    });
  }
}
