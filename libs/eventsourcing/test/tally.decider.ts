// A tiny aggregate for the library's own specs: a tally that can be added to until closed.
import type { Command } from '../src/command';
import type { Decider } from '../src/decider';
import { IllegalStateError } from '../src/errors';
import type { Event } from '../src/event';

export type Added = Event<'Added', { amount: number }>;
export type Closed = Event<'Closed', { total: number }>;
export type TallyEvent = Added | Closed;

export type Add = Command<'Add', { amount: number }>;
export type Close = Command<'Close', Record<string, never>>;
export type TallyCommand = Add | Close;

export type Tally = { total: number; closed: boolean };

export const tallyDecider: Decider<Tally, TallyCommand, TallyEvent> = {
  initialState: () => ({ total: 0, closed: false }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'Added':
        return { ...state, total: state.total + event.data.amount };
      case 'Closed':
        return { ...state, closed: true };
      default:
        return state;
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'Add':
        if (state.closed) throw new IllegalStateError('Tally is closed', 'Closed');
        return { type: 'Added', data: { amount: command.data.amount } };
      case 'Close':
        // Closing twice is a repeated request, not an error.
        return state.closed ? [] : { type: 'Closed', data: { total: state.total } };
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
};

const at = new Date('2026-01-05T10:00:00Z');
export const add = (amount: number, metadata: Partial<Add['metadata']> = {}): Add => ({ type: 'Add', data: { amount }, metadata: { now: at, ...metadata } });
export const close = (): Close => ({ type: 'Close', data: {}, metadata: { now: at } });
