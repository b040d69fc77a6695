import type { SilenceDetectionCard } from '../../model/scenario.model';
import { enterNode, isCurrentTimer, proceed, wait } from '../turn';
import type { CardBehaviour } from './card-behaviour';

/** Waits for the caller to make a sound; silence past the threshold takes the silence branch. */
export const silenceDetectionCard: CardBehaviour<SilenceDetectionCard> = {
  enter: (turn, card) => wait(turn, 'Talking', card.thresholdMs),
  on: (turn, card, event) => {
    switch (event.type) {
      case 'TalkingStarted':
      case 'SpeechRecognised':
      case 'DtmfReceived':
        proceed(turn);
        return;
      case 'TimerFired':
        if (isCurrentTimer(turn, event.timerId)) enterNode(turn, card.onSilence.next);
        return;
      default:
        return;
    }
  },
};
