import { streamId } from '@zvonar/eventsourcing';
import type { CampaignSettings } from './campaign-settings';
import type { CampaignEvent, CampaignProgress, PauseReason } from './campaign.events';

export type CampaignStatus = 'Draft' | 'Scheduled' | 'Running' | 'Paused' | 'Stopped' | 'Completed';

export type ExistingCampaign = {
  readonly status: CampaignStatus;
  readonly campaignId: string;
  readonly projectId: string;
  readonly settings: CampaignSettings;
  readonly startsAt: Date | null;
  readonly pauseReason: PauseReason | null;
  readonly archived: boolean;
  readonly progress: CampaignProgress;
};

export type Campaign = { readonly status: 'Initial' } | ExistingCampaign;

export const NO_PROGRESS: CampaignProgress = { leads: 0, spentKopecks: 0, processedContacts: 0, totalContacts: 0 };

export const initialState = (): Campaign => ({ status: 'Initial' });

export const campaignStreamId = (campaignId: string): string => streamId('campaign', campaignId);

const update = (state: Campaign, change: Partial<ExistingCampaign>): Campaign => (state.status === 'Initial' ? state : { ...state, ...change });

export const evolve = (state: Campaign, event: CampaignEvent): Campaign => {
  switch (event.type) {
    case 'CampaignCreated':
      return {
        status: 'Draft',
        campaignId: event.data.campaignId,
        projectId: event.data.projectId,
        settings: event.data.settings,
        startsAt: null,
        pauseReason: null,
        archived: false,
        progress: NO_PROGRESS,
      };
    case 'CampaignSettingsChanged':
      return update(state, { settings: event.data.settings });
    case 'CampaignScheduled':
      return update(state, { status: 'Scheduled', startsAt: event.data.startsAt });
    case 'CampaignStarted':
    case 'CampaignResumed':
      return update(state, { status: 'Running', pauseReason: null });
    case 'CampaignRestarted':
      return update(state, { status: 'Running', pauseReason: null, progress: state.status === 'Initial' ? NO_PROGRESS : { ...state.progress, processedContacts: 0 } });
    case 'CampaignPaused':
      return update(state, { status: 'Paused', pauseReason: event.data.reason });
    case 'CampaignStopped':
      return update(state, { status: 'Stopped', pauseReason: null });
    case 'CampaignCompleted':
      return update(state, { status: 'Completed', pauseReason: null });
    case 'CampaignProgressRecorded':
      return update(state, { progress: event.data.progress });
    case 'CampaignArchived':
      return update(state, { archived: true });
    case 'CampaignUnarchived':
      return update(state, { archived: false });
    default:
      return state;
  }
};
