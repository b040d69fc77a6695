import { describe, expect, it } from '@jest/globals';
import { aContact, aDtmfRecognition, aGoal, aHangup, aNode, aPlay, aScenario, byeNode, text } from '../testing/scenario.mother';
import { answered, dtmf, given, hungUp, playbackFinished, timerFires } from '../testing/runtime.specification';
import type { RuntimeEvent } from './runtime.events';
import { handle, start } from './runtime.engine';
import { fromSnapshot, toSnapshot } from './runtime.state';
import { isEffect } from './runtime.commands';
import { seedFrom } from './seeded-random';

const simple = aScenario([aNode('answer', [aPlay(text('Привет')), aDtmfRecognition({ '1': 'lead' })]), aNode('lead', [aGoal(), aHangup()]), byeNode()]);

describe('Runtime', () => {
  describe('when a call is placed', () => {
    it('waits for the answer under a timer', () => given(simple).whenStarted().thenCommands([{ type: 'SetTimer', timerId: 't1', delayMs: 60_000, fireAt: 60_000 }]));
    it('ignores everything but the answer', () => given(simple).when(dtmf('1'), playbackFinished).thenCommands([]));
    it('hangs up when nobody answers', () => given(simple).when(timerFires).thenCommands([{ type: 'HangUp', cause: 'NotAnswered' }]));
  });

  describe('when the caller hangs up', () => {
    it('ends without commands and ignores what follows', () => {
      const outcome = given(simple).after(answered).when(hungUp, playbackFinished, dtmf('1'), timerFires);
      outcome.thenCommands([]);
      expect(outcome.state).toMatchObject({ status: 'Ended', cause: 'CallerHungUp', playbackId: null, timerId: null });
    });
  });

  describe('when the call is answered twice', () => {
    it('ignores the duplicate', () => given(simple).after(answered).when(answered).thenCommands([]));
  });

  describe('when a node runs out of cards with nowhere to go', () => {
    it('hangs up instead of getting stuck', () => given(aScenario([aNode('answer', [aGoal()])])).when(answered).thenCommands([{ type: 'MarkGoal' }, { type: 'HangUp', cause: 'ScenarioDeadEnd' }]));
  });

  describe('when a branch names a missing node', () => {
    it('hangs up instead of throwing', () => given(aScenario([aNode('answer', [], 'nowhere')])).when(answered).thenCommands([{ type: 'HangUp', cause: 'ScenarioDeadEnd' }]));
  });

  describe('when the caller keeps a loop going', () => {
    const loop = aScenario([aNode('answer', [aDtmfRecognition({ '1': 'answer' })]), byeNode()]);
    it('cuts it off at the node visit cap', () => {
      const presses = Array.from({ length: 5 }, () => dtmf('1'));
      given(loop, { settings: { maxNodeVisits: 5 } }).after(answered, ...presses.slice(0, 4)).when(presses[4]!).thenIncludes({ type: 'HangUp', cause: 'LoopLimit' });
    });
  });

  describe('when an event is malformed', () => {
    it('ignores what it cannot read', () => {
      const { state } = handle(start(simple, aContact(), {}, 0).state, { type: 'CallAnswered' }, 0);
      for (const event of [null, 42, {}, { type: 'DtmfReceived' }, { type: 'SpeechRecognised', final: true }, { type: 'Nonsense' }] as unknown as RuntimeEvent[]) {
        expect(handle(state, event, 0).commands).toEqual([]);
      }
    });
  });

  describe('when the version was never parsed and holds garbage', () => {
    it('ends the call cleanly instead of throwing', () => {
      const corrupt = aScenario([aNode('answer', [{ type: 'Dance', id: 'x' } as unknown as ReturnType<typeof aGoal>])]);
      given(corrupt).when(answered).thenCommands([{ type: 'HangUp', cause: 'RuntimeFault' }]);
    });
  });

  describe('when commands are sorted for delivery', () => {
    it('tells effects from telephony commands', () => {
      const commands = given(aScenario([aNode('answer', [aGoal(), aPlay()], 'bye'), byeNode()])).when(answered).commands;
      expect(commands.filter(isEffect).map((command) => command.type)).toEqual(['MarkGoal']);
    });
  });

  describe('when a seed comes from a call id', () => {
    it('is stable per id and differs between ids', () => {
      expect(seedFrom('call-1')).toBe(seedFrom('call-1'));
      expect(seedFrom('call-1')).not.toBe(seedFrom('call-2'));
    });
  });

  describe('when the state is persisted', () => {
    it('rebuilds from JSON and carries on identically', () => {
      const live = handle(start(simple, aContact(), {}, 0).state, { type: 'CallAnswered' }, 0).state;
      const stored = JSON.parse(JSON.stringify(toSnapshot(live)));
      expect(JSON.stringify(stored)).not.toContain('"nodes"');
      const rebuilt = fromSnapshot(stored, simple);
      const event: RuntimeEvent = { type: 'PlaybackFinished', playbackId: live.playbackId! };
      expect(handle(rebuilt, event, 5).commands).toEqual(handle(live, event, 5).commands);
    });
  });

  describe('when settings are nonsense', () => {
    it('falls back to the defaults', () => {
      const { state } = start(simple, aContact(), { actionWaitMs: -5, playbackGuardMs: 0, answerTimeoutMs: Number.POSITIVE_INFINITY, seed: Number.NaN }, 0);
      expect(state.settings).toMatchObject({ actionWaitMs: 7_000, playbackGuardMs: 120_000, answerTimeoutMs: 60_000, seed: 1 });
    });

    it('keeps a negative seed', () => {
      expect(start(simple, aContact(), { seed: -42 }, 0).state.random).toBe(-42);
    });
  });
});
