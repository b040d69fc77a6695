import { UpcasterRegistry, withUpcasting, type EventStore, type RecordedEvent, type Upcaster } from '@zvonar/eventsourcing';
import type { CampaignEvent } from '../domain';

/**
 * The event store keeps event data as JSON, so every `...At` Date of a campaign event comes back
 * as an ISO string. Reviving them on read gives the decider and the projections the Dates their
 * types promise; the check `typeof value === 'string'` leaves an already revived event untouched.
 */
const CAMPAIGN_EVENT_TYPES: Record<CampaignEvent['type'], true> = {
  CampaignCreated: true,
  CampaignSettingsChanged: true,
  CampaignScheduled: true,
  CampaignStarted: true,
  CampaignPaused: true,
  CampaignResumed: true,
  CampaignStopped: true,
  CampaignRestarted: true,
  CampaignProgressRecorded: true,
  CampaignCompleted: true,
  CampaignArchived: true,
  CampaignUnarchived: true,
};

const isStoredInstant = (key: string, value: unknown): value is string => key.endsWith('At') && typeof value === 'string';

const reviveInstants = (type: string): Upcaster => ({
  type,
  appliesTo: (event: RecordedEvent) => Object.entries(event.data).some(([key, value]) => isStoredInstant(key, value)),
  upcast: (event: RecordedEvent) => ({
    type: event.type,
    data: Object.fromEntries(Object.entries(event.data).map(([key, value]) => [key, isStoredInstant(key, value) ? new Date(value) : value])),
  }),
});

export const campaignEventRevival = new UpcasterRegistry(Object.keys(CAMPAIGN_EVENT_TYPES).map(reviveInstants));

/** The campaign streams as the domain types describe them (Dates revived on every read). */
export const withCampaignEventTypes = (store: EventStore): EventStore => withUpcasting(store, campaignEventRevival);
