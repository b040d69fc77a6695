import { campaignsV1, campaignsV1Package } from '@zvonar/proto-ts';
import type { RpcGroup } from '../../rpc/rpc-route';

const campaign = '/api/v1/campaigns/:campaignId';

/** Campaigns, their lifecycle and templates: CampaignsService as REST. */
export const campaignsRoutes: RpcGroup = {
  name: 'campaigns',
  grpcPackage: campaignsV1Package,
  service: campaignsV1.CAMPAIGNS_SERVICE_NAME,
  scope: 'campaigns',
  routes: [
    { method: 'POST', path: '/api/v1/projects/:projectId/campaigns', rpc: 'CreateCampaign', answer: 'campaign' },
    { method: 'GET', path: '/api/v1/projects/:projectId/campaigns', rpc: 'ListCampaigns', items: 'campaigns' },
    { method: 'GET', path: campaign, rpc: 'GetCampaign', answer: 'campaign' },
    { method: 'PUT', path: `${campaign}/settings`, rpc: 'UpdateCampaign', answer: 'campaign' },
    { method: 'GET', path: `${campaign}/preflight`, rpc: 'PreflightCampaign' },
    { method: 'POST', path: `${campaign}/launch`, rpc: 'LaunchCampaign', answer: 'campaign' },
    { method: 'POST', path: `${campaign}/pause`, rpc: 'PauseCampaign', answer: 'campaign' },
    { method: 'POST', path: `${campaign}/resume`, rpc: 'ResumeCampaign', answer: 'campaign' },
    { method: 'POST', path: `${campaign}/stop`, rpc: 'StopCampaign', answer: 'campaign' },
    { method: 'POST', path: `${campaign}/restart`, rpc: 'RestartCampaign', answer: 'campaign' },
    { method: 'POST', path: `${campaign}/copy`, rpc: 'CopyCampaign', answer: 'campaign' },
    { method: 'POST', path: `${campaign}/archive`, rpc: 'ArchiveCampaign', answer: 'campaign' },
    { method: 'POST', path: `${campaign}/unarchive`, rpc: 'UnarchiveCampaign', answer: 'campaign' },
    { method: 'POST', path: `${campaign}/save-as-template`, rpc: 'SaveCampaignAsTemplate', answer: 'template', status: 201 },
    { method: 'GET', path: '/api/v1/projects/:projectId/campaign-templates', rpc: 'ListTemplates', items: 'templates' },
    { method: 'POST', path: '/api/v1/campaign-templates/:templateId/campaigns', rpc: 'CreateCampaignFromTemplate', answer: 'campaign' },
    { method: 'POST', path: '/api/v1/projects/:projectId/redial-rule-templates', rpc: 'SaveRedialRuleTemplate', answer: 'template', status: 201 },
    { method: 'GET', path: '/api/v1/projects/:projectId/redial-rule-templates', rpc: 'ListRedialRuleTemplates', items: 'templates' },
  ],
};

/** What the dialer did for a campaign: CampaignDialingService as REST. */
export const campaignDialingRoutes: RpcGroup = {
  name: 'campaigns',
  grpcPackage: campaignsV1Package,
  service: campaignsV1.CAMPAIGN_DIALING_SERVICE_NAME,
  scope: 'campaigns',
  routes: [
    { method: 'GET', path: `${campaign}/report`, rpc: 'GetCampaignReport', scope: 'reports.read' },
    { method: 'GET', path: `${campaign}/attempts`, rpc: 'ListAttempts', items: 'attempts', scope: 'reports.read' },
  ],
};
