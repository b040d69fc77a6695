import type { Card } from '../../model/scenario.model';
import type { RuntimeEvent } from '../runtime.events';
import type { Turn } from '../turn';

/**
 * How one card type runs. `enter` starts the card: it proceeds, waits (with a timer), jumps to
 * another node or ends the call. `on` receives the events that arrive while the card waits;
 * events a card does not expect are ignored.
 */
export type CardBehaviour<C extends Card> = {
  readonly enter: (turn: Turn, card: C) => void;
  readonly on?: (turn: Turn, card: C, event: RuntimeEvent) => void;
};

/** For cards that do their job at once and let the node go on. */
export const instant = <C extends Card>(enter: (turn: Turn, card: C) => void): CardBehaviour<C> => ({ enter });
