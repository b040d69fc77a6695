import { expect } from '@jest/globals';
import { handle, start, type Step } from '../engine/runtime.engine';
import type { RuntimeCommand } from '../engine/runtime.commands';
import type { RuntimeEvent } from '../engine/runtime.events';
import type { Contact, RuntimeSettings, RuntimeState } from '../engine/runtime.state';
import type { ScenarioVersion } from '../model/scenario.model';
import { aContact } from './scenario.mother';

/** An event, or a function that builds it from the state (for ids the runtime chose). */
export type EventOf = RuntimeEvent | ((state: RuntimeState) => RuntimeEvent);

const resolve = (event: EventOf, state: RuntimeState): RuntimeEvent => (typeof event === 'function' ? event(state) : event);

export const answered: EventOf = { type: 'CallAnswered' };
export const playbackFinished: EventOf = (state) => ({ type: 'PlaybackFinished', playbackId: state.playbackId ?? 'none' });
export const playbackFailed: EventOf = (state) => ({ type: 'PlaybackFailed', playbackId: state.playbackId ?? 'none', reason: 'file missing' });
export const timerFires: EventOf = (state) => ({ type: 'TimerFired', timerId: state.timerId ?? 'none' });
export const dtmf = (digit: string): EventOf => ({ type: 'DtmfReceived', digit });
export const said = (text: string, confidence = 0.9, final = true): EventOf => ({ type: 'SpeechRecognised', text, confidence, final });
export const talkingStarted: EventOf = { type: 'TalkingStarted' };
export const machineDetected = (result: 'human' | 'machine' | 'unknown'): EventOf => ({ type: 'MachineDetectionCompleted', result });
export const transferAnswered: EventOf = (state) => ({ type: 'TransferAnswered', transferId: state.transferId ?? 'none' });
export const transferFailed: EventOf = (state) => ({ type: 'TransferFailed', transferId: state.transferId ?? 'none' });
export const hungUp: EventOf = { type: 'CallHungUp', cause: 'normal' };

export type Outcome = {
  /** Commands of the `when` events only (history is given, not asserted). */
  readonly commands: readonly RuntimeCommand[];
  readonly state: RuntimeState;
  /** Asserts the exact command sequence; each expected command may list only the fields that matter. */
  thenCommands(expected: readonly Partial<RuntimeCommand>[]): void;
  /** Asserts these commands appear, in this order, among the others. */
  thenIncludes(...expected: readonly Partial<RuntimeCommand>[]): void;
  thenNo(type: RuntimeCommand['type']): void;
};

const outcome = (commands: readonly RuntimeCommand[], state: RuntimeState): Outcome => {
  // The assertions return nothing: jest refuses a test body that returns anything but a promise.
  return {
    commands,
    state,
    thenCommands: (expected) => {
      expect(commands).toMatchObject(expected);
      expect(commands).toHaveLength(expected.length);
    },
    thenIncludes: (...expected) => {
      let from = 0;
      for (const wanted of expected) {
        const index = commands.findIndex((command, at) => at >= from && expect.objectContaining(wanted).asymmetricMatch(command));
        // Fails with jest's diff of what was there instead.
        if (index < 0) expect(commands.slice(from)).toContainEqual(expect.objectContaining(wanted));
        from = index + 1;
      }
    },
    thenNo: (type) => {
      expect(commands.map((command) => command.type)).not.toContain(type);
    },
  };
};

/**
 * Given/when/then over `start`/`handle`: `given` starts a call, `after` replays history,
 * `when` feeds the events under test and keeps only their commands for the assertions.
 *
 * @example
 * given(scenario).after(answered, playbackFinished).when(dtmf('1')).thenIncludes({ type: 'MarkGoal' });
 */
export const given = (scenario: ScenarioVersion, options: { contact?: Contact; settings?: RuntimeSettings } = {}) => {
  const feed = (step: Step, events: readonly EventOf[]): { state: RuntimeState; commands: RuntimeCommand[] } => {
    let state = step.state;
    const commands: RuntimeCommand[] = [];
    for (const event of events) {
      const next = handle(state, resolve(event, state), 1_000);
      state = next.state;
      commands.push(...next.commands);
    }
    return { state, commands };
  };
  const begin = (): Step => start(scenario, options.contact ?? aContact(), options.settings ?? {}, 0);
  const chain = (history: readonly EventOf[]) => ({
    after: (...events: EventOf[]) => chain([...history, ...events]),
    /** The commands of `start` itself (history must be empty). */
    whenStarted: (): Outcome => {
      const step = begin();
      return outcome(step.commands, step.state);
    },
    when: (...events: EventOf[]): Outcome => {
      const before = feed(begin(), history);
      const after = feed({ state: before.state, commands: [] }, events);
      return outcome(after.commands, after.state);
    },
  });
  return chain([]);
};
