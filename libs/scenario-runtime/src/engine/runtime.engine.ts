import { nodeById } from '../model/scenario.graph';
import type { ScenarioVersion } from '../model/scenario.model';
import { behaviourOf } from './card.registry';
import type { RuntimeCommand } from './runtime.commands';
import type { RuntimeEvent } from './runtime.events';
import { defaultSettings, isFinished, type Contact, type MutableState, type ResolvedSettings, type RuntimeSettings, type RuntimeState } from './runtime.state';
import { enterNode, hangUp, isCurrentTimer, proceed, stopWaiting, wait, type Turn } from './turn';

export type Step = { readonly state: RuntimeState; readonly commands: readonly RuntimeCommand[] };

/** Settings come from campaign configuration: a duration must be positive (a 0 ms wait would fire before the caller could act); the seed may be any integer. */
const resolveSettings = (settings: RuntimeSettings): ResolvedSettings => {
  const resolved: Record<string, number> = { ...defaultSettings };
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value === 'number' && Number.isFinite(value) && key in defaultSettings && (key === 'seed' || value >= 1)) resolved[key] = Math.floor(value);
  }
  return resolved as ResolvedSettings;
};

/**
 * Runs cards until one waits or the call is over. Terminates: each pass either moves to the
 * next card or enters a node, and node entries are capped per call.
 */
const advance = (turn: Turn): void => {
  while (turn.state.status === 'Active' && turn.state.waiting === 'Nothing') {
    const node = nodeById(turn.state.scenario, turn.state.nodeId);
    if (!node) {
      hangUp(turn, 'ScenarioDeadEnd');
      return;
    }
    const card = node.cards[turn.state.cardIndex];
    if (card) behaviourOf(card).enter(turn, card);
    else if (node.next !== undefined) enterNode(turn, node.next);
    // A published version never runs off the end of a node; a draft in the simulator may.
    else hangUp(turn, 'ScenarioDeadEnd');
  }
};

const dispatch = (turn: Turn, event: RuntimeEvent): void => {
  const { state } = turn;
  if (event.type === 'CallHungUp') {
    state.status = 'Ended';
    state.cause = 'CallerHungUp';
    state.playbackId = null;
    state.recognising = false;
    stopWaiting(turn);
    return;
  }
  if (state.status === 'Ringing') {
    if (event.type === 'CallAnswered') {
      state.status = 'Active';
      stopWaiting(turn);
      enterNode(turn, state.nodeId);
    } else if (event.type === 'TimerFired' && isCurrentTimer(turn, event.timerId)) {
      hangUp(turn, 'NotAnswered');
    }
    return;
  }
  const card = nodeById(state.scenario, state.nodeId)?.cards[state.cardIndex];
  if (card && state.waiting !== 'Nothing') behaviourOf(card).on?.(turn, card, event);
  else if (state.waiting !== 'Nothing' && event.type === 'TimerFired' && isCurrentTimer(turn, event.timerId)) proceed(turn);
};

/**
 * Creates the runtime of one placed call. The call waits for `CallAnswered`; the start node
 * runs then.
 *
 * @example
 * let { state, commands } = start(version, contact, { seed: seedFrom(callId) }, now);
 * ({ state, commands } = handle(state, { type: 'CallAnswered' }, now));
 */
export function start(scenario: ScenarioVersion, contact: Contact, settings: RuntimeSettings, now: number): Step {
  const resolved = resolveSettings(settings);
  const state: MutableState = {
    scenario,
    contact,
    settings: resolved,
    status: 'Ringing',
    waiting: 'Nothing',
    nodeId: scenario.startNodeId,
    cardIndex: 0,
    playbackId: null,
    recognising: false,
    recording: false,
    machineChecked: false,
    timerId: null,
    sequence: 0,
    attempts: 0,
    digits: '',
    transferId: null,
    operatorIndex: 0,
    variables: {},
    random: resolved.seed | 0,
    visits: 0,
    cause: null,
    startedAt: now,
  };
  const turn: Turn = { state, commands: [], now };
  wait(turn, 'Answer', resolved.answerTimeoutMs);
  return { state, commands: turn.commands };
}

const NO_COMMANDS: readonly RuntimeCommand[] = Object.freeze([]);

/**
 * Events no card acts on in any state: a started playback, the end of talking, and anything
 * naming a timer or playback that is no longer current. Most of a call's traffic is these, so
 * they return before the state is copied.
 */
const isNoOp = (state: RuntimeState, event: RuntimeEvent): boolean => {
  switch (event.type) {
    case 'PlaybackStarted':
    case 'TalkingFinished':
      return true;
    case 'TimerFired':
      return event.timerId !== state.timerId;
    case 'PlaybackFinished':
    case 'PlaybackFailed':
      return event.playbackId !== state.playbackId;
    default:
      return false;
  }
};

/**
 * Feeds one event to a call and returns the next state and the commands to carry out, in order.
 * Total: an event that means nothing in the current state returns the state unchanged with no
 * commands, and no event makes it throw.
 */
export function handle(state: RuntimeState, event: RuntimeEvent, now: number): Step {
  if (isFinished(state) || typeof event !== 'object' || event === null || isNoOp(state, event)) return { state, commands: NO_COMMANDS };
  const turn: Turn = { state: { ...state }, commands: [], now };
  try {
    dispatch(turn, event);
    advance(turn);
    return { state: turn.state, commands: turn.commands };
  } catch {
    // Unreachable with a parsed version (the property suite asserts this cause never shows);
    // kept so a defect costs one call, ended cleanly, and not the process hosting ten thousand.
    const failed: Turn = { state: { ...state }, commands: [], now };
    hangUp(failed, 'RuntimeFault');
    return { state: failed.state, commands: failed.commands };
  }
}
