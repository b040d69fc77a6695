import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { validateScenario } from '../validation/scenario.validator';
import { runs } from '../testing/property-runs';
import { aCatalogue, aContact } from '../testing/scenario.mother';
import { brokenScenario } from '../testing/defects.arbitraries';
import { eventTemplate, validScenario, type EventTemplate } from '../testing/scenario.arbitraries';
import { check, newChannel, observe } from '../testing/protocol.checker';
import { handle, start } from './runtime.engine';
import type { RuntimeEvent } from './runtime.events';
import { isFinished, toSnapshot, type RuntimeSettings, type RuntimeState } from './runtime.state';
import type { ScenarioVersion } from '../model/scenario.model';

/** Silent-caller steps allowed: with only timers firing, a node costs a few timers per attempt. */
const SILENT_STEP_BOUND = 300;
const catalogue = aCatalogue();
const contact = aContact();

/**
 * One call: the generated events, then a caller who stays silent (only the runtime's current timer
 * fires). Returns what the channel model found wrong and the final state.
 */
const runCall = (scenario: ScenarioVersion, templates: readonly EventTemplate[], settings: RuntimeSettings) => {
  const channel = newChannel();
  const started = start(scenario, contact, settings, 0);
  let state: RuntimeState = started.state;
  const violations = check(channel, started.commands);
  let now = 0;
  const deliver = (event: RuntimeEvent) => {
    now += 250;
    observe(channel, event);
    const step = handle(state, event, now);
    state = step.state;
    violations.push(...check(channel, step.commands));
    // The runtime's own bookkeeping must agree with what it told the channel.
    if (!isFinished(state)) {
      if (state.playbackId !== channel.playing) violations.push(`state plays ${state.playbackId}, channel ${channel.playing}`);
      if (state.recognising !== channel.recognising) violations.push('state and channel disagree on recognition');
      if (state.timerId === null || !channel.timers.has(state.timerId)) violations.push(`waiting ${state.waiting} without a timer`);
    }
  };
  for (const template of templates) deliver(template(state));
  for (let silentSteps = 0; !isFinished(state) && silentSteps < SILENT_STEP_BOUND; silentSteps += 1) {
    deliver({ type: 'TimerFired', timerId: state.timerId ?? 'none' });
  }
  return { violations, state };
};

describe('Runtime (properties)', () => {
  it('on any valid scenario and any events: never throws, one playback at most, valid commands, every wait timed, and ends once only timers fire', () => {
    fc.assert(
      fc.property(validScenario(), fc.array(eventTemplate, { maxLength: 30 }), fc.integer(), (scenario, templates, seed) => {
        expect(validateScenario(scenario, catalogue)).toEqual([]);
        const { violations, state } = runCall(scenario, templates, { seed });
        expect(violations).toEqual([]);
        expect(isFinished(state)).toBe(true);
        // A valid scenario ends by its own cards, never by a safety net.
        expect(['RuntimeFault', 'ScenarioDeadEnd', 'LoopLimit']).not.toContain(state.cause);
        const snapshot = toSnapshot(state);
        expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
      }),
      { numRuns: runs(10_000) },
    );
  });

  it('on a parsed but invalid scenario (a draft in the simulator) and odd settings: still total, protocol kept, and ends', () => {
    const odd = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0.5, 7_000));
    // A loop the validator would refuse runs to the visit cap, so a high cap is left out: it would only make the silent phase longer.
    const visits = fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0.5));
    const settings: fc.Arbitrary<RuntimeSettings> = fc.record({ actionWaitMs: odd, playbackGuardMs: odd, maxNodeVisits: visits, seed: odd }, { requiredKeys: [] });
    fc.assert(
      fc.property(brokenScenario, fc.array(eventTemplate, { maxLength: 20 }), settings, ({ scenario }, templates, oddSettings) => {
        const { violations, state } = runCall(scenario, templates, oddSettings);
        expect(violations).toEqual([]);
        expect(isFinished(state)).toBe(true);
        expect(state.cause).not.toBe('RuntimeFault');
      }),
      { numRuns: runs(2_000) },
    );
  });

  it('is deterministic: the same scenario, seed and events give the same commands', () => {
    fc.assert(
      fc.property(validScenario(3), fc.array(eventTemplate, { maxLength: 15 }), fc.integer(), (scenario, templates, seed) => {
        const run = () => {
          let { state, commands } = start(scenario, contact, { seed }, 0);
          const all = [...commands];
          for (const template of templates) {
            ({ state, commands } = handle(state, template(state), 10));
            all.push(...commands);
          }
          return all;
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: runs(1_000) },
    );
  });
});
