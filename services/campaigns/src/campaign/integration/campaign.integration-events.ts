import type { RecordedEvent } from '@zvonar/eventsourcing';
import { integrationMessageFrom, integrationTopic, type IntegrationMessage } from '@zvonar/messaging';
import { campaignsV1 } from '../api/campaigns.proto';
import type { CampaignEvent, PauseReason } from '../domain';
import { campaignEventsV1 } from './campaign-events.proto';

/** The campaigns service's lifecycle facts, keyed by campaign id. */
export const CAMPAIGN_TOPIC = integrationTopic({ service: 'campaigns', category: 'campaign', version: 1 });

const PAUSE_REASON: Record<PauseReason, campaignsV1.PauseReason> = {
  User: campaignsV1.PauseReason.PAUSE_REASON_USER,
  LeadLimit: campaignsV1.PauseReason.PAUSE_REASON_LEAD_LIMIT,
  SpendLimit: campaignsV1.PauseReason.PAUSE_REASON_SPEND_LIMIT,
  BalanceExhausted: campaignsV1.PauseReason.PAUSE_REASON_BALANCE_EXHAUSTED,
  TelephonyUnavailable: campaignsV1.PauseReason.PAUSE_REASON_TELEPHONY_UNAVAILABLE,
};

type Encoded = { readonly type: string; readonly payload: Uint8Array };

const fact = <T>(name: string, codec: { encode(message: T): { finish(): Uint8Array } }, message: T): Encoded => ({
  type: `zvonar.campaigns.v1.${name}`,
  payload: codec.encode(message).finish(),
});

/** The public fact of a domain event; null for a private one (progress reports). */
const encode = (event: CampaignEvent): Encoded | null => {
  const { data } = event;
  switch (event.type) {
    case 'CampaignCreated':
      return fact('CampaignCreated', campaignEventsV1.CampaignCreated, {
        campaignId: event.data.campaignId,
        projectId: event.data.projectId,
        name: event.data.settings.name,
        scenarioId: event.data.settings.scenario?.scenarioId ?? '',
        scenarioVersion: event.data.settings.scenario?.version ?? 0,
        createdAt: event.data.createdAt,
        copiedFromCampaignId: event.data.copiedFrom ?? '',
        templateId: event.data.templateId ?? '',
      });
    case 'CampaignSettingsChanged':
      return fact('CampaignSettingsChanged', campaignEventsV1.CampaignSettingsChanged, { campaignId: data.campaignId, name: event.data.settings.name, changedAt: event.data.changedAt });
    case 'CampaignScheduled':
      return fact('CampaignScheduled', campaignEventsV1.CampaignScheduled, { campaignId: data.campaignId, startsAt: event.data.startsAt, scheduledAt: event.data.scheduledAt });
    case 'CampaignStarted':
      return fact('CampaignStarted', campaignEventsV1.CampaignStarted, { campaignId: data.campaignId, startedAt: event.data.startedAt });
    case 'CampaignPaused':
      return fact('CampaignPaused', campaignEventsV1.CampaignPaused, { campaignId: data.campaignId, reason: PAUSE_REASON[event.data.reason], pausedAt: event.data.pausedAt });
    case 'CampaignResumed':
      return fact('CampaignResumed', campaignEventsV1.CampaignResumed, { campaignId: data.campaignId, resumedAt: event.data.resumedAt });
    case 'CampaignStopped':
      return fact('CampaignStopped', campaignEventsV1.CampaignStopped, { campaignId: data.campaignId, stoppedAt: event.data.stoppedAt });
    case 'CampaignRestarted':
      return fact('CampaignRestarted', campaignEventsV1.CampaignRestarted, { campaignId: data.campaignId, restartedAt: event.data.restartedAt });
    case 'CampaignCompleted':
      return fact('CampaignCompleted', campaignEventsV1.CampaignCompleted, { campaignId: data.campaignId, completedAt: event.data.completedAt });
    case 'CampaignArchived':
      return fact('CampaignArchived', campaignEventsV1.CampaignArchived, { campaignId: data.campaignId, archivedAt: event.data.archivedAt });
    case 'CampaignUnarchived':
      return fact('CampaignUnarchived', campaignEventsV1.CampaignUnarchived, { campaignId: data.campaignId, unarchivedAt: event.data.unarchivedAt });
    case 'CampaignProgressRecorded':
      return null;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
};

/** The forwarder's mapper: a stored campaign event (Dates revived) to its integration message. */
export const campaignIntegrationEvents = (event: RecordedEvent): IntegrationMessage[] => {
  const encoded = encode(event as unknown as CampaignEvent);
  return encoded ? [integrationMessageFrom(event, { topic: CAMPAIGN_TOPIC, ...encoded })] : [];
};
