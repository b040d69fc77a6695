import { nodeById } from '../../model/scenario.graph';
import type { DtmfRecognitionCard, RecognitionCard, SpeechRecognitionCard } from '../../model/scenario.model';
import type { RuntimeEvent } from '../runtime.events';
import { matchSpeech } from '../speech.matcher';
import type { Turn } from '../turn';
import { actionWaitOf, enterNode, isCurrentTimer, setVariable, startRecognition, stopRecognition, stopWaiting, wait } from '../turn';
import type { CardBehaviour } from './card-behaviour';

const DIGIT = /^[0-9*#]$/;

const answered = (turn: Turn, card: RecognitionCard, next: string, value: string): void => {
  stopRecognition(turn);
  if (card.saveAs !== undefined) setVariable(turn, card.saveAs, value);
  enterNode(turn, next);
};

/**
 * No input or no match: while attempts remain, the prompt right before the recognition plays
 * again (the node's other cards do not re-run); then the branch for that outcome.
 */
const missed = (turn: Turn, card: RecognitionCard, outcome: 'noInput' | 'noMatch'): void => {
  stopRecognition(turn);
  turn.state.attempts += 1;
  if (turn.state.attempts > card.retries) {
    enterNode(turn, card[outcome].next);
    return;
  }
  stopWaiting(turn);
  turn.state.digits = '';
  const previous = nodeById(turn.state.scenario, turn.state.nodeId)?.cards[turn.state.cardIndex - 1];
  if (previous?.type === 'Play') turn.state.cardIndex -= 1;
};

const resolveDigits = (turn: Turn, card: DtmfRecognitionCard, digits: string): void => {
  const choice = card.choices.find((candidate) => candidate.digits === digits);
  if (choice) answered(turn, card, choice.next, digits);
  else missed(turn, card, digits === '' ? 'noInput' : 'noMatch');
};

/** A sequence is complete when it fills maxDigits, or it names a choice that no longer choice extends. */
const isComplete = (card: DtmfRecognitionCard, digits: string): boolean =>
  digits.length >= card.maxDigits ||
  (card.choices.some((choice) => choice.digits === digits) && !card.choices.some((choice) => choice.digits.length > digits.length && choice.digits.startsWith(digits)));

const onDtmf = (turn: Turn, card: DtmfRecognitionCard, event: RuntimeEvent): void => {
  if (event.type === 'TimerFired') {
    if (isCurrentTimer(turn, event.timerId)) resolveDigits(turn, card, turn.state.digits);
    return;
  }
  if (event.type !== 'DtmfReceived' || typeof event.digit !== 'string' || !DIGIT.test(event.digit)) return;
  if (card.terminator !== undefined && event.digit === card.terminator) {
    resolveDigits(turn, card, turn.state.digits);
    return;
  }
  const digits = turn.state.digits + event.digit;
  turn.state.digits = digits;
  if (isComplete(card, digits)) resolveDigits(turn, card, digits);
  else wait(turn, 'Input', card.interDigitTimeoutMs ?? turn.state.settings.interDigitTimeoutMs);
};

const onSpeech = (turn: Turn, card: SpeechRecognitionCard, event: RuntimeEvent): void => {
  if (event.type === 'TimerFired') {
    if (isCurrentTimer(turn, event.timerId)) missed(turn, card, 'noInput');
    return;
  }
  // Partial results only show the caller is talking; the decision waits for the final one.
  if (event.type !== 'SpeechRecognised' || !event.final || typeof event.text !== 'string') return;
  const choice = event.confidence >= card.minConfidence ? matchSpeech(event.text, card.choices) : undefined;
  if (choice) answered(turn, card, choice.next, event.text);
  else missed(turn, card, 'noMatch');
};

export const recognitionCard: CardBehaviour<RecognitionCard> = {
  enter: (turn, card) => {
    // With barge-in the recogniser was started together with the prompt and is still listening.
    startRecognition(turn, card);
    turn.state.digits = '';
    wait(turn, 'Input', actionWaitOf(turn, card));
  },
  on: (turn, card, event) => (card.mode === 'dtmf' ? onDtmf(turn, card, event) : onSpeech(turn, card, event)),
};
