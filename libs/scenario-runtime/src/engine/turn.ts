import type { PlaySource, RecognitionCard } from '../model/scenario.model';
import type { HangupCause, Media, RuntimeCommand } from './runtime.commands';
import type { MutableState, Waiting } from './runtime.state';
import { renderTemplate } from './template.renderer';

/**
 * The work of one `start` or `handle` call: a private copy of the state and the commands issued
 * so far. Card behaviours change it through these helpers only, which keep the bookkeeping
 * (ids, active playback, recogniser, timer) consistent with the commands sent.
 */
export type Turn = { readonly state: MutableState; readonly commands: RuntimeCommand[]; readonly now: number };

export const issue = (turn: Turn, command: RuntimeCommand): void => {
  turn.commands.push(command);
};

const nextId = (turn: Turn, prefix: string): string => {
  turn.state.sequence += 1;
  return `${prefix}${turn.state.sequence}`;
};

/** Starts the one timer of the current wait; any earlier timer becomes stale. */
export const wait = (turn: Turn, waiting: Waiting, delayMs: number): void => {
  const timerId = nextId(turn, 't');
  turn.state.timerId = timerId;
  turn.state.waiting = waiting;
  issue(turn, { type: 'SetTimer', timerId, delayMs, fireAt: turn.now + delayMs });
};

export const stopWaiting = (turn: Turn): void => {
  turn.state.timerId = null;
  turn.state.waiting = 'Nothing';
};

export const isCurrentTimer = (turn: Turn, timerId: string): boolean => turn.state.timerId !== null && turn.state.timerId === timerId;

export const toMedia = (turn: Turn, source: PlaySource): Media =>
  source.kind === 'text' ? { kind: 'text', text: renderTemplate(source.text, turn.state.variables, turn.state.contact) } : source;

export const stopPlayback = (turn: Turn): void => {
  if (turn.state.playbackId === null) return;
  issue(turn, { type: 'StopPlayback', playbackId: turn.state.playbackId });
  turn.state.playbackId = null;
};

/** Plays media and waits for it to end (or for its guard timer). */
export const play = (turn: Turn, source: PlaySource, waiting: Waiting): void => {
  stopPlayback(turn);
  const playbackId = nextId(turn, 'p');
  turn.state.playbackId = playbackId;
  issue(turn, { type: 'Play', playbackId, media: toMedia(turn, source) });
  wait(turn, waiting, turn.state.settings.playbackGuardMs);
};

export const actionWaitOf = (turn: Turn, card: RecognitionCard): number => card.timeoutMs ?? turn.state.settings.actionWaitMs;

export const startRecognition = (turn: Turn, card: RecognitionCard): void => {
  if (turn.state.recognising) return;
  turn.state.recognising = true;
  const timeoutMs = actionWaitOf(turn, card);
  issue(
    turn,
    card.mode === 'dtmf'
      ? {
          type: 'StartRecognition',
          mode: 'dtmf',
          timeoutMs,
          maxDigits: card.maxDigits,
          interDigitTimeoutMs: card.interDigitTimeoutMs ?? turn.state.settings.interDigitTimeoutMs,
          ...(card.terminator ? { terminator: card.terminator } : {}),
        }
      : { type: 'StartRecognition', mode: 'speech', timeoutMs },
  );
};

export const stopRecognition = (turn: Turn): void => {
  if (!turn.state.recognising) return;
  turn.state.recognising = false;
  issue(turn, { type: 'StopRecognition' });
};

/** Leaves the channel as the next owner expects it: nothing playing, nobody listening. */
const releaseChannel = (turn: Turn): void => {
  stopPlayback(turn);
  stopRecognition(turn);
  stopWaiting(turn);
};

export const hangUp = (turn: Turn, cause: HangupCause): void => {
  releaseChannel(turn);
  issue(turn, { type: 'HangUp', cause });
  turn.state.status = 'Ended';
  turn.state.cause = cause;
};

export const handOver = (turn: Turn, scenarioId: string): void => {
  releaseChannel(turn);
  issue(turn, { type: 'HandOver', scenarioId });
  turn.state.status = 'HandedOver';
};

/** The card is done; the next card of the node runs. */
export const proceed = (turn: Turn): void => {
  stopWaiting(turn);
  turn.state.cardIndex += 1;
};

/** Follows an edge. Caller-driven loops are legal, so visits are capped to end them anyway. */
export const enterNode = (turn: Turn, nodeId: string): void => {
  releaseChannel(turn);
  turn.state.visits += 1;
  if (turn.state.visits > turn.state.settings.maxNodeVisits) {
    hangUp(turn, 'LoopLimit');
    return;
  }
  turn.state.nodeId = nodeId;
  turn.state.cardIndex = 0;
  turn.state.attempts = 0;
  turn.state.digits = '';
};

export const setVariable = (turn: Turn, name: string, value: string): void => {
  turn.state.variables = { ...turn.state.variables, [name]: value };
  issue(turn, { type: 'SetVariable', name, value });
};
