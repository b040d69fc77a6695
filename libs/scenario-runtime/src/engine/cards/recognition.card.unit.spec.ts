import { describe, it } from '@jest/globals';
import { aDtmfRecognition, aGoal, aHangup, aNode, aPlay, aScenario, aSpeechRecognition, byeNode, text } from '../../testing/scenario.mother';
import { answered, dtmf, given, playbackFinished, said, timerFires } from '../../testing/runtime.specification';
import type { DtmfRecognitionCard, SpeechRecognitionCard } from '../../model/scenario.model';

const outcomes = [
  aNode('yes', [aGoal('yes'), aHangup()]),
  aNode('no', [aGoal('no'), aHangup()]),
  aNode('silent', [aGoal('silent'), aHangup()]),
  aNode('confused', [aGoal('confused'), aHangup()]),
  byeNode(),
];
const branches = { noInput: { next: 'silent' }, noMatch: { next: 'confused' } };

const menu = (overrides: Partial<DtmfRecognitionCard> = {}) =>
  aScenario([aNode('answer', [aPlay(text('Нажмите 1 или 2')), aDtmfRecognition({ '1': 'yes', '2': 'no' }, { ...branches, ...overrides })]), ...outcomes]);

const question = (overrides: Partial<SpeechRecognitionCard> = {}) =>
  aScenario([
    aNode('answer', [
      aPlay(text('Вам интересно?')),
      aSpeechRecognition([{ phrases: ['Да', 'Конечно'], next: 'yes' }, { containsWords: ['не интересно', 'нет'], next: 'no' }], { ...branches, ...overrides }),
    ]),
    ...outcomes,
  ]);

const listening = [answered, playbackFinished];

describe('Recognition card (DTMF)', () => {
  describe('when the caller presses an expected digit', () => {
    it('stops listening and takes its branch', () => given(menu()).after(...listening).when(dtmf('2')).thenIncludes({ type: 'StopRecognition' }, { type: 'MarkGoal', tag: 'no' }));
    it('stores the digits when the card saves them', () =>
      given(menu({ saveAs: 'choice' })).after(...listening).when(dtmf('1')).thenIncludes({ type: 'SetVariable', name: 'choice', value: '1' }, { type: 'MarkGoal', tag: 'yes' }));
  });

  describe('when the caller presses an unexpected digit', () => {
    it('replays the prompt while retries remain', () =>
      given(menu({ retries: 1 })).after(...listening).when(dtmf('9')).thenCommands([{ type: 'StopRecognition' }, { type: 'Play', media: { kind: 'text', text: 'Нажмите 1 или 2' } }, { type: 'SetTimer' }]));
    it('takes the no-match branch once retries are spent', () =>
      given(menu({ retries: 1 })).after(...listening, dtmf('9'), playbackFinished).when(dtmf('9')).thenIncludes({ type: 'MarkGoal', tag: 'confused' }));
  });

  describe('when the caller says nothing', () => {
    it('replays the prompt while retries remain', () => given(menu({ retries: 1 })).after(...listening).when(timerFires).thenIncludes({ type: 'StopRecognition' }, { type: 'Play' }));
    it('takes the no-input branch once retries are spent', () =>
      given(menu({ retries: 1 })).after(...listening, timerFires, playbackFinished).when(timerFires).thenIncludes({ type: 'MarkGoal', tag: 'silent' }));
    it('waits the action wait of the card when it sets one', () =>
      given(menu({ timeoutMs: 3_000 })).after(answered).when(playbackFinished).thenIncludes({ type: 'StartRecognition', timeoutMs: 3_000 }, { type: 'SetTimer', delayMs: 3_000 }));
  });

  describe('when the recognition has no prompt right before it', () => {
    it('retries by listening again', () =>
      given(aScenario([aNode('answer', [aDtmfRecognition({ '1': 'yes' }, { ...branches, retries: 1 })]), ...outcomes]))
        .after(answered)
        .when(timerFires)
        .thenCommands([{ type: 'StopRecognition' }, { type: 'StartRecognition' }, { type: 'SetTimer' }]));
  });

  describe('when the choices are digit sequences', () => {
    const sequences = (overrides: Partial<DtmfRecognitionCard> = {}) =>
      aScenario([aNode('answer', [aDtmfRecognition({ '12': 'yes', '123': 'no' }, { ...branches, maxDigits: 4, ...overrides })]), ...outcomes]);
    it('waits for more digits while a longer choice is possible', () => given(sequences()).after(answered, dtmf('1')).when(dtmf('2')).thenCommands([{ type: 'SetTimer', delayMs: 3_000 }]));
    it('resolves a sequence no longer choice extends at once', () => given(sequences()).after(answered, dtmf('1'), dtmf('2')).when(dtmf('3')).thenIncludes({ type: 'MarkGoal', tag: 'no' }));
    it('resolves what was typed when the inter-digit timer fires', () => given(sequences()).after(answered, dtmf('1'), dtmf('2')).when(timerFires).thenIncludes({ type: 'MarkGoal', tag: 'yes' }));
    it('resolves at the terminator', () => given(sequences({ terminator: '#' })).after(answered, dtmf('1'), dtmf('2')).when(dtmf('#')).thenIncludes({ type: 'MarkGoal', tag: 'yes' }));
    it('resolves at the maximum length', () =>
      given(sequences({ maxDigits: 2, retries: 0 })).after(answered, dtmf('9')).when(dtmf('9')).thenIncludes({ type: 'StopRecognition' }, { type: 'MarkGoal', tag: 'confused' }));
    it('ignores what is not a key of the keypad', () => given(sequences()).after(answered).when(dtmf('x')).thenCommands([]));
  });

  describe('when a superseded timer fires', () => {
    it('ignores it', () => given(menu()).after(...listening).when({ type: 'TimerFired', timerId: 't1' }).thenCommands([]));
  });
});

describe('Recognition card (speech)', () => {
  describe('when the caller says a listed phrase', () => {
    it('matches it whatever the case and punctuation', () => given(question()).after(...listening).when(said('  КОНЕЧНО!!! ')).thenIncludes({ type: 'MarkGoal', tag: 'yes' }));
    it('stores what was said when the card saves it', () =>
      given(question({ saveAs: 'answer' })).after(...listening).when(said('Да.')).thenIncludes({ type: 'SetVariable', name: 'answer', value: 'Да.' }));
  });

  describe('when the caller says contained words', () => {
    it('matches them inside a longer sentence, ё written as е', () =>
      given(question()).after(...listening).when(said('Мне, честно говоря, не интересно всё это')).thenIncludes({ type: 'MarkGoal', tag: 'no' }));
  });

  describe('when the caller says something else', () => {
    it('takes the no-match branch once retries are spent', () =>
      given(question({ retries: 0 })).after(...listening).when(said('а кто это')).thenIncludes({ type: 'MarkGoal', tag: 'confused' }));
  });

  describe('when the recogniser is not confident', () => {
    it('counts a listed phrase as a no-match', () => given(question({ retries: 0 })).after(...listening).when(said('да', 0.2)).thenIncludes({ type: 'MarkGoal', tag: 'confused' }));
  });

  describe('when a partial result arrives', () => {
    it('waits for the final one', () => given(question()).after(...listening).when(said('да', 0.9, false)).thenCommands([]));
  });

  describe('when the caller says nothing', () => {
    it('takes the no-input branch once retries are spent', () => given(question({ retries: 0 })).after(...listening).when(timerFires).thenIncludes({ type: 'MarkGoal', tag: 'silent' }));
  });

  describe('when the caller presses a key instead', () => {
    it('ignores the digit', () => given(question()).after(...listening).when(dtmf('1')).thenCommands([]));
  });
});
