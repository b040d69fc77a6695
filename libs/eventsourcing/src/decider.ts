import type { Command } from './command';
import type { Event } from './event';

/**
 * An aggregate as pure functions. `decide` returns the events a command produces (an empty array
 * for "nothing to do", e.g. a duplicate observation) or throws a domain error; `evolve` folds an
 * event into state and ignores event types it does not know.
 */
export type Decider<State, C extends Command, E extends Event> = {
  decide: (command: C, state: State) => E | readonly E[];
  evolve: (state: State, event: E) => State;
  initialState: () => State;
};

export const asArray = <E>(events: E | readonly E[]): readonly E[] =>
  Array.isArray(events) ? (events as readonly E[]) : [events as E];
