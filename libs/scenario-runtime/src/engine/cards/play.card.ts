import { nodeById } from '../../model/scenario.graph';
import type { PlayCard, RecognitionCard } from '../../model/scenario.model';
import type { RuntimeEvent } from '../runtime.events';
import type { Turn } from '../turn';
import { isCurrentTimer, play, proceed, startRecognition, stopPlayback } from '../turn';
import type { CardBehaviour } from './card-behaviour';
import { recognitionCard } from './recognition.card';

const bargeInRecognition = (turn: Turn): RecognitionCard | undefined => {
  const node = nodeById(turn.state.scenario, turn.state.nodeId);
  const next = node?.cards[turn.state.cardIndex + 1];
  return next?.type === 'Recognition' && next.bargeIn ? next : undefined;
};

/** A keypad prompt is interrupted by a key; a spoken one by the caller's voice (noise on a keypad menu must not cut it). */
const interrupts = (recognition: RecognitionCard, event: RuntimeEvent): boolean =>
  recognition.mode === 'dtmf' ? event.type === 'DtmfReceived' : event.type === 'SpeechRecognised' || event.type === 'TalkingStarted';

/**
 * Plays and waits for the end of the playback. When the next card is a recognition that allows
 * barge-in, the recogniser listens during the prompt, and the caller's first sound stops it and
 * goes to the recognition (which then also sees a digit or a final phrase).
 */
export const playCard: CardBehaviour<PlayCard> = {
  enter: (turn, card) => {
    play(turn, card.source, 'Playback');
    const recognition = bargeInRecognition(turn);
    if (recognition) startRecognition(turn, recognition);
  },
  on: (turn, _card, event) => {
    if ((event.type === 'PlaybackFinished' || event.type === 'PlaybackFailed') && event.playbackId === turn.state.playbackId) {
      // A failed prompt is skipped rather than ending the call: the next card may still reach the caller.
      turn.state.playbackId = null;
      proceed(turn);
      return;
    }
    if (event.type === 'TimerFired' && isCurrentTimer(turn, event.timerId)) {
      stopPlayback(turn);
      proceed(turn);
      return;
    }
    const recognition = bargeInRecognition(turn);
    if (!recognition || !turn.state.recognising || !interrupts(recognition, event)) return;
    stopPlayback(turn);
    proceed(turn);
    recognitionCard.enter(turn, recognition);
    recognitionCard.on?.(turn, recognition, event);
  },
};
