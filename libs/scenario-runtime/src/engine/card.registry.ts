import type { Card, CardType } from '../model/scenario.model';
import type { CardBehaviour } from './cards/card-behaviour';
import { blacklistCard, goalCard, integrationCard, messageCard, recordingCard } from './cards/effects.card';
import { conditionCard, handOverCard, hangupCard, randomSplitCard } from './cards/flow.card';
import { machineFilterCard } from './cards/machine-filter.card';
import { pauseCard } from './cards/pause.card';
import { playCard } from './cards/play.card';
import { recognitionCard } from './cards/recognition.card';
import { silenceDetectionCard } from './cards/silence-detection.card';
import { transferCard } from './cards/transfer.card';

type Registry = { readonly [T in CardType]: CardBehaviour<Extract<Card, { type: T }>> };

// A mapped type over every card type: adding a card type without its behaviour fails to compile.
const registry: Registry = {
  Play: playCard,
  Recognition: recognitionCard,
  Goal: goalCard,
  Blacklist: blacklistCard,
  Integration: integrationCard,
  Message: messageCard,
  Transfer: transferCard,
  Recording: recordingCard,
  MachineFilter: machineFilterCard,
  SilenceDetection: silenceDetectionCard,
  Hangup: hangupCard,
  Condition: conditionCard,
  RandomSplit: randomSplitCard,
  Pause: pauseCard,
  HandOver: handOverCard,
};

// TypeScript cannot tie `registry[card.type]` back to the card's own type; the mapped type above
// is what guarantees the pairing, so the cast only restates it.
export const behaviourOf = <C extends Card>(card: C): CardBehaviour<C> => registry[card.type] as unknown as CardBehaviour<C>;
