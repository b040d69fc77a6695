import type { PauseCard } from '../../model/scenario.model';
import { isCurrentTimer, proceed, wait } from '../turn';
import type { CardBehaviour } from './card-behaviour';

export const pauseCard: CardBehaviour<PauseCard> = {
  enter: (turn, card) => wait(turn, 'Pause', card.durationMs),
  on: (turn, _card, event) => {
    if (event.type === 'TimerFired' && isCurrentTimer(turn, event.timerId)) proceed(turn);
  },
};
