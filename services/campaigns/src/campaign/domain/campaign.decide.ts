import type { Decider } from '@zvonar/eventsourcing';
import { evolve, initialState, type Campaign } from './campaign';
import type { CampaignCommand, CreateCampaign } from './campaign.commands';
import { CampaignNotFoundError } from './campaign.errors';
import type { CampaignEvent } from './campaign.events';
import { archiveCampaign, unarchiveCampaign } from './commands/archive-campaign';
import { changeSettings, createCampaign } from './commands/create-campaign';
import { launchCampaign, startCampaign } from './commands/launch-campaign';
import { pauseCampaign, resumeAfterTelephonyOutage, resumeCampaign } from './commands/pause-resume';
import { completeCampaign, recordProgress } from './commands/record-progress';
import { restartCampaign, stopCampaign } from './commands/stop-restart';

export const decide = (command: CampaignCommand, state: Campaign): CampaignEvent[] => {
  switch (command.type) {
    case 'CreateCampaign':
      return createCampaign(command, state);
    case 'ChangeCampaignSettings':
      return changeSettings(command, state);
    case 'LaunchCampaign':
      return launchCampaign(command, state);
    case 'StartCampaign':
      return startCampaign(command, state);
    case 'PauseCampaign':
      return pauseCampaign(command, state);
    case 'ResumeCampaign':
      return resumeCampaign(command, state);
    case 'ResumeAfterTelephonyOutage':
      return resumeAfterTelephonyOutage(command, state);
    case 'StopCampaign':
      return stopCampaign(command, state);
    case 'RestartCampaign':
      return restartCampaign(command, state);
    case 'RecordCampaignProgress':
      return recordProgress(command, state);
    case 'CompleteCampaign':
      return completeCampaign(command, state);
    case 'ArchiveCampaign':
      return archiveCampaign(command, state);
    case 'UnarchiveCampaign':
      return unarchiveCampaign(command, state);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
};

export const campaignDecider: Decider<Campaign, CampaignCommand, CampaignEvent> = { decide, evolve, initialState };

/**
 * Copy: a new campaign with the source's settings under a new name. The application handler
 * loads the source stream and sends this command to the new one.
 */
export const copyCampaign = (
  source: Campaign,
  target: { campaignId: string; name: string; now: Date },
): CreateCampaign => {
  if (source.status === 'Initial') throw new CampaignNotFoundError('(copy source)');
  return {
    type: 'CreateCampaign',
    data: { campaignId: target.campaignId, projectId: source.projectId, settings: { ...source.settings, name: target.name }, copiedFrom: source.campaignId },
    metadata: { now: target.now },
  };
};
