import type { CampaignView } from '../application/campaign-view';
import type { CampaignStatus, PauseReason } from '../domain';
import { settingsToProto } from './campaign-settings.mapper';
import { campaignsV1 } from './campaigns.proto';

const { CampaignStatus: ProtoStatus, PauseReason: ProtoPauseReason } = campaignsV1;

const STATUS_TO_PROTO: Record<CampaignStatus, campaignsV1.CampaignStatus> = {
  Draft: ProtoStatus.CAMPAIGN_STATUS_DRAFT,
  Scheduled: ProtoStatus.CAMPAIGN_STATUS_SCHEDULED,
  Running: ProtoStatus.CAMPAIGN_STATUS_RUNNING,
  Paused: ProtoStatus.CAMPAIGN_STATUS_PAUSED,
  Stopped: ProtoStatus.CAMPAIGN_STATUS_STOPPED,
  Completed: ProtoStatus.CAMPAIGN_STATUS_COMPLETED,
};

const PAUSE_REASON_TO_PROTO: Record<PauseReason, campaignsV1.PauseReason> = {
  User: ProtoPauseReason.PAUSE_REASON_USER,
  LeadLimit: ProtoPauseReason.PAUSE_REASON_LEAD_LIMIT,
  SpendLimit: ProtoPauseReason.PAUSE_REASON_SPEND_LIMIT,
  BalanceExhausted: ProtoPauseReason.PAUSE_REASON_BALANCE_EXHAUSTED,
  TelephonyUnavailable: ProtoPauseReason.PAUSE_REASON_TELEPHONY_UNAVAILABLE,
};

/** The statuses a list filter names; UNSPECIFIED is ignored (it filters nothing). */
export const statusesFromProto = (statuses: readonly campaignsV1.CampaignStatus[]): CampaignStatus[] =>
  (Object.keys(STATUS_TO_PROTO) as CampaignStatus[]).filter((status) => statuses.includes(STATUS_TO_PROTO[status]));

export const toProtoCampaign = ({ campaign, createdAt, copiedFrom, templateId, revision }: CampaignView): campaignsV1.Campaign => ({
  campaignId: campaign.campaignId,
  projectId: campaign.projectId,
  name: campaign.settings.name,
  settings: settingsToProto(campaign.settings),
  status: STATUS_TO_PROTO[campaign.status],
  pauseReason: campaign.pauseReason ? PAUSE_REASON_TO_PROTO[campaign.pauseReason] : ProtoPauseReason.PAUSE_REASON_UNSPECIFIED,
  archived: campaign.archived,
  progress: { ...campaign.progress },
  startsAt: campaign.startsAt ?? undefined,
  createdAt,
  copiedFromCampaignId: copiedFrom ?? '',
  templateId: templateId ?? '',
  revision,
});
