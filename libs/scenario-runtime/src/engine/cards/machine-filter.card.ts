import type { MachineFilterCard } from '../../model/scenario.model';
import { enterNode, hangUp, isCurrentTimer, issue, play, proceed, wait } from '../turn';
import type { CardBehaviour } from './card-behaviour';

/**
 * Asks the network whether a person or a machine answered. A person, an unknown result or no
 * result in time lets the scenario go on: losing a lead costs more than talking to a machine.
 */
export const machineFilterCard: CardBehaviour<MachineFilterCard> = {
  enter: (turn, card) => {
    if (turn.state.machineChecked) {
      proceed(turn);
      return;
    }
    turn.state.machineChecked = true;
    const timeoutMs = card.timeoutMs ?? turn.state.settings.machineDetectionTimeoutMs;
    issue(turn, { type: 'StartMachineDetection', timeoutMs });
    wait(turn, 'MachineResult', timeoutMs + turn.state.settings.transferGraceMs);
  },
  on: (turn, card, event) => {
    if (turn.state.waiting === 'MachineMessage') {
      const ended = (event.type === 'PlaybackFinished' || event.type === 'PlaybackFailed') && event.playbackId === turn.state.playbackId;
      if (ended) turn.state.playbackId = null;
      if (ended || (event.type === 'TimerFired' && isCurrentTimer(turn, event.timerId))) hangUp(turn, 'AnsweringMachine');
      return;
    }
    if (event.type === 'TimerFired' && isCurrentTimer(turn, event.timerId)) {
      proceed(turn);
      return;
    }
    if (event.type !== 'MachineDetectionCompleted') return;
    if (event.result !== 'machine') {
      proceed(turn);
      return;
    }
    const action = card.onMachine;
    if (action.kind === 'hangup') hangUp(turn, 'AnsweringMachine');
    else if (action.kind === 'playThenHangup') play(turn, action.source, 'MachineMessage');
    else enterNode(turn, action.next);
  },
};
