import type { ScenarioVersion } from '../model/scenario.model';
import type { RuntimeCommand } from '../engine/runtime.commands';
import { handle, start } from '../engine/runtime.engine';
import type { RuntimeEvent } from '../engine/runtime.events';
import { isFinished, type Contact, type RuntimeSettings, type RuntimeState } from '../engine/runtime.state';

/** One caller turn of a test conversation. `silence` lets the bot's current wait run out. */
export type CallerTurn = (
  | { readonly kind: 'dtmf'; readonly digits: string }
  | { readonly kind: 'say'; readonly text: string; readonly confidence?: number }
  | { readonly kind: 'silence' }
) & {
  /** Speak over the prompt instead of waiting for it to end (it only cuts where the card allows barge-in). */
  readonly interrupt?: boolean;
};

/** How the simulated network behaves where the caller has no say. */
export type SimulatedNetwork = {
  readonly machine?: 'human' | 'machine' | 'unknown';
  /** Per transfer attempt, in order; attempts past the list are answered. */
  readonly transfers?: readonly ('answered' | 'failed')[];
  readonly settings?: RuntimeSettings;
  /** Steps before the simulator gives up on a draft that never ends (each step is one event). */
  readonly maxSteps?: number;
};

export type TranscriptEntry =
  | { readonly atMs: number; readonly by: 'bot'; readonly command: RuntimeCommand }
  | { readonly atMs: number; readonly by: 'caller' | 'network'; readonly event: RuntimeEvent };

export type Simulation = { readonly transcript: readonly TranscriptEntry[]; readonly state: RuntimeState; readonly finished: boolean };

const CALLER_TURN_MS = 1_000;

const callerEvents = (turn: CallerTurn): RuntimeEvent[] => {
  if (turn.kind === 'dtmf') return [...turn.digits].map((digit) => ({ type: 'DtmfReceived', digit }));
  if (turn.kind === 'say') return [{ type: 'TalkingStarted' }, { type: 'SpeechRecognised', text: turn.text, confidence: turn.confidence ?? 1, final: true }, { type: 'TalkingFinished' }];
  return [];
};

/**
 * Runs a scenario as a text conversation: the simulator plays the telephone network (playbacks
 * finish, the callee is a person unless told otherwise, transfers are answered) and the caller's
 * turns are delivered whenever the bot listens. It drives the same `start`/`handle` as a real
 * call; nothing in the engine knows it is simulated.
 *
 * @example
 * simulate(version, contact, [{ kind: 'say', text: 'Да, интересно' }, { kind: 'dtmf', digits: '1' }]).transcript
 */
export function simulate(scenario: ScenarioVersion, contact: Contact, turns: readonly CallerTurn[], network: SimulatedNetwork = {}): Simulation {
  const transcript: TranscriptEntry[] = [];
  const pending: { event: RuntimeEvent; by: 'caller' | 'network' }[] = [];
  const timers = new Map<string, number>();
  const remaining = [...turns];
  let transfers = 0;
  let now = 0;

  const record = (commands: readonly RuntimeCommand[]): void => {
    for (const command of commands) {
      transcript.push({ atMs: now, by: 'bot', command });
      if (command.type === 'SetTimer') timers.set(command.timerId, command.fireAt);
      if (command.type === 'Play') pending.push({ event: { type: 'PlaybackStarted', playbackId: command.playbackId }, by: 'network' }, { event: { type: 'PlaybackFinished', playbackId: command.playbackId }, by: 'network' });
      if (command.type === 'StartMachineDetection') pending.push({ event: { type: 'MachineDetectionCompleted', result: network.machine ?? 'human' }, by: 'network' });
      if (command.type === 'Transfer') {
        const outcome = network.transfers?.[transfers] ?? 'answered';
        transfers += 1;
        pending.push({ event: outcome === 'answered' ? { type: 'TransferAnswered', transferId: command.transferId } : { type: 'TransferFailed', transferId: command.transferId }, by: 'network' });
      }
    }
  };

  let step = start(scenario, contact, network.settings ?? {}, now);
  record(step.commands);
  pending.push({ event: { type: 'CallAnswered' }, by: 'network' });

  const listening = (state: RuntimeState) => state.recognising || state.waiting === 'Talking';

  for (let count = 0; count < (network.maxSteps ?? 2_000) && !isFinished(step.state); count += 1) {
    // A caller who interrupts speaks before the prompt's end is reported; others wait for it.
    const interrupting = remaining[0]?.interrupt === true && step.state.waiting === 'Playback';
    let next = interrupting ? undefined : pending.shift();
    if (!next && (listening(step.state) || interrupting) && remaining.length > 0) {
      const turn = remaining.shift()!;
      now += CALLER_TURN_MS;
      const events = callerEvents(turn);
      if (events.length === 0) next = undefined;
      else {
        pending.unshift(...events.slice(1).map((event) => ({ event, by: 'caller' as const })));
        next = { event: events[0]!, by: 'caller' };
      }
    }
    if (!next) {
      const timerId = step.state.timerId;
      if (timerId === null) break;
      now = Math.max(now, timers.get(timerId) ?? now);
      next = { event: { type: 'TimerFired', timerId }, by: 'network' };
    }
    transcript.push({ atMs: now, by: next.by, event: next.event });
    step = handle(step.state, next.event, now);
    record(step.commands);
  }
  return { transcript, state: step.state, finished: isFinished(step.state) };
}
