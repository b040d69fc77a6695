import type { Card, RuntimeSettings, ScenarioVersion } from '@zvonar/scenario-runtime';
import type { CallProcessOptions } from './call-process';

/** What a campaign asks of every call it places (PlaceCall's answer wait, action wait, recording, AMD). */
export type CampaignCallSettings = {
  /** How long the phone may ring; the network gives up after it. */
  readonly answerWaitMs?: number;
  /** How long the bot waits for the callee after a prompt (recognition cards without their own timeout). */
  readonly actionWaitMs?: number;
  readonly detectMachine?: boolean;
  readonly record?: boolean;
};

// The runtime's own answer timer is a guard behind the network's ring timeout: the network's
// "no answer" (cause 19) is the truthful end, the runtime's hang-up only covers a silent network.
const ANSWER_GUARD_MS = 5_000;

const CAMPAIGN_RECORDING: Card = { type: 'Recording', id: 'zvonar-campaign-recording' };
const CAMPAIGN_MACHINE_FILTER: Card = { type: 'MachineFilter', id: 'zvonar-campaign-machine-filter', onMachine: { kind: 'hangup' } };

const hasCard = (scenario: ScenarioVersion, type: Card['type']): boolean =>
  Object.values(scenario.nodes).some((node) => node.cards.some((card) => card.type === type));

/**
 * The pinned version as this campaign runs it: a campaign that records or filters machines gets a
 * Recording / MachineFilter (hang up on a machine) card at the front of the start node, unless the
 * scenario already has its own (the author's placement and machine action win). The stored
 * version is never changed; this is a per-call view.
 */
export function withCampaignCards(scenario: ScenarioVersion, settings: CampaignCallSettings): ScenarioVersion {
  const extra: Card[] = [];
  if (settings.record && !hasCard(scenario, 'Recording')) extra.push(CAMPAIGN_RECORDING);
  if (settings.detectMachine && !hasCard(scenario, 'MachineFilter')) extra.push(CAMPAIGN_MACHINE_FILTER);
  const start = scenario.nodes[scenario.startNodeId];
  if (extra.length === 0 || !start) return scenario;
  return { ...scenario, nodes: { ...scenario.nodes, [start.id]: { ...start, cards: [...extra, ...start.cards] } } };
}

/** The process options of one call: the service's defaults with the campaign's waits over them. */
export function callProcessOptions(defaults: CallProcessOptions, settings: CampaignCallSettings): CallProcessOptions {
  if (settings.answerWaitMs === undefined && settings.actionWaitMs === undefined) return defaults;
  const ringTimeoutMs = settings.answerWaitMs ?? defaults.ringTimeoutMs;
  const runtimeSettings: RuntimeSettings = {
    ...defaults.runtimeSettings,
    ...(settings.answerWaitMs === undefined ? {} : { answerTimeoutMs: ringTimeoutMs + ANSWER_GUARD_MS }),
    ...(settings.actionWaitMs === undefined ? {} : { actionWaitMs: settings.actionWaitMs }),
  };
  return { ...defaults, ringTimeoutMs, runtimeSettings };
}
