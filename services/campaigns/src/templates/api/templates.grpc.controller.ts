import type { Metadata } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { localized } from '../../campaign/api/campaign.messages';
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

/** The template methods of zvonar.campaigns.v1.CampaignsService. */
@Controller()
export class TemplatesGrpcController {
  constructor(private readonly templates: CallTaskTemplates) {}

  @GrpcMethod(SERVICE, 'saveCampaignAsTemplate')
  saveCampaignAsTemplate(request: campaignsV1.SaveCampaignAsTemplateRequest, metadata?: Metadata): Promise<campaignsV1.SaveCampaignAsTemplateResponse> {
    return localized(metadata, async () => ({ template: toProtoTemplate(await this.templates.saveCampaign(request.campaignId, request.name)) }));
  }

  @GrpcMethod(SERVICE, 'listTemplates')
  listTemplates(request: campaignsV1.ListTemplatesRequest, metadata?: Metadata): Promise<campaignsV1.ListTemplatesResponse> {
    return localized(metadata, async () => {
      const page = await this.templates.list({ projectId: request.projectId, after: request.page?.pageToken || undefined, pageSize: request.page?.pageSize ?? 0 });
      return { templates: page.items.map(toProtoTemplate), page: { nextPageToken: page.next ?? '' } };
    });
  }

  @GrpcMethod(SERVICE, 'createCampaignFromTemplate')
  createCampaignFromTemplate(
    request: campaignsV1.CreateCampaignFromTemplateRequest,
    metadata?: Metadata,
  ): Promise<campaignsV1.CreateCampaignFromTemplateResponse> {
    return localized(metadata, async () => ({
      campaign: toProtoCampaign(await this.templates.createCampaign(request.templateId, { name: request.name, audienceIds: request.audienceIds ?? [] })),
    }));
  }

  @GrpcMethod(SERVICE, 'saveRedialRuleTemplate')
  saveRedialRuleTemplate(request: campaignsV1.SaveRedialRuleTemplateRequest, metadata?: Metadata): Promise<campaignsV1.SaveRedialRuleTemplateResponse> {
    return localized(metadata, async () => ({
      template: toProtoRedialRuleTemplate(
        await this.templates.saveRedialRules({ projectId: request.projectId, name: request.name, rules: redialRulesFromProto(request.redialRules) }),
      ),
    }));
  }

  @GrpcMethod(SERVICE, 'listRedialRuleTemplates')
  listRedialRuleTemplates(request: campaignsV1.ListRedialRuleTemplatesRequest, metadata?: Metadata): Promise<campaignsV1.ListRedialRuleTemplatesResponse> {
    return localized(metadata, async () => {
      const page = await this.templates.listRedialRules({ projectId: request.projectId, after: request.page?.pageToken || undefined, pageSize: request.page?.pageSize ?? 0 });
      return { templates: page.items.map(toProtoRedialRuleTemplate), page: { nextPageToken: page.next ?? '' } };
    });
  }
}
