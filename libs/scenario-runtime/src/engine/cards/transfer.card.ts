import type { TransferCard } from '../../model/scenario.model';
import type { Turn } from '../turn';
import { enterNode, isCurrentTimer, issue, stopWaiting, wait } from '../turn';
import type { CardBehaviour } from './card-behaviour';

const dial = (turn: Turn, card: TransferCard, operatorIndex: number): void => {
  const operator = card.operators[operatorIndex];
  if (!operator) {
    turn.state.transferId = null;
    enterNode(turn, card.noAnswer.next);
    return;
  }
  turn.state.sequence += 1;
  const transferId = `x${turn.state.sequence}`;
  turn.state.operatorIndex = operatorIndex;
  turn.state.transferId = transferId;
  issue(turn, { type: 'Transfer', transferId, operator, ringTimeoutMs: card.ringTimeoutMs });
  // The network reports its own ring timeout as a failure; this timer covers a network that never answers.
  wait(turn, 'TransferAnswer', card.ringTimeoutMs + turn.state.settings.transferGraceMs);
};

/** Rings the operators in priority order; when nobody answers, the no-answer branch. */
export const transferCard: CardBehaviour<TransferCard> = {
  enter: (turn, card) => dial(turn, card, 0),
  on: (turn, card, event) => {
    const current = turn.state.transferId;
    if (event.type === 'TransferAnswered' && event.transferId === current) {
      stopWaiting(turn);
      turn.state.status = 'Transferred';
    } else if ((event.type === 'TransferFailed' && event.transferId === current) || (event.type === 'TimerFired' && isCurrentTimer(turn, event.timerId))) {
      dial(turn, card, turn.state.operatorIndex + 1);
    }
  },
};
