import type { Command } from '../command';
import { asArray, type Decider } from '../decider';
import type { Event } from '../event';

type ErrorClass<Err extends Error> = abstract new (...args: never[]) => Err;

export type DeciderThen<E extends Event> = {
  /** The command produces exactly these events (compared with toEqual). */
  then(expected: E | readonly E[]): void;
  /** The command throws an instance of `errorClass` that passes `predicate`. */
  thenThrows<Err extends Error>(errorClass: ErrorClass<Err>, predicate?: (error: Err) => boolean): void;
  /** The command is accepted and changes nothing (a duplicate observation, an idempotent repeat). */
  thenNothing(): void;
};

/**
 * Given/when/then for deciders, asserting behaviour (events out) rather than internal state:
 * `DeciderSpecification.for(campaignDecider)` returns `given(events).when(command).then(events)`.
 */
export const DeciderSpecification = {
  for<State, C extends Command, E extends Event>(decider: Decider<State, C, E>) {
    return (given: E | readonly E[]) => ({
      when(command: C): DeciderThen<E> {
        const decide = () => {
          const state = asArray(given).reduce<State>((folded, event) => decider.evolve(folded, event), decider.initialState());
          return asArray(decider.decide(command, state));
        };
        return {
          then: (expected) => expect(decide()).toEqual(asArray(expected)),
          thenNothing: () => expect(decide()).toEqual([]),
          thenThrows: (errorClass, predicate) => {
            let thrown: unknown;
            try {
              decide();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(errorClass);
            if (predicate) expect(predicate(thrown as Parameters<typeof predicate>[0])).toBe(true);
          },
        };
      },
    });
  },
};
