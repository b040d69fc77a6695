import { describe, it } from '@jest/globals';
import { aContact, aDtmfRecognition, aGoal, aHangup, aNode, aPlay, aScenario, aSpeechRecognition, byeNode, text } from '../../testing/scenario.mother';
import { answered, dtmf, given, playbackFailed, playbackFinished, said, talkingStarted, timerFires } from '../../testing/runtime.specification';

const greeting = (source = text('Здравствуйте, {{name}}! Вы из города {{city}}? {{unknown}}')) =>
  aScenario([aNode('answer', [aPlay(source), aGoal('heard')], 'bye'), byeNode()]);

const withRecognition = (bargeIn: boolean) =>
  aScenario([aNode('answer', [aPlay(text('Нажмите 1')), aDtmfRecognition({ '1': 'lead' }, { bargeIn })]), aNode('lead', [aGoal(), aHangup()]), byeNode()]);

const spokenQuestion = aScenario([
  aNode('answer', [aPlay(text('Вам интересно?')), aSpeechRecognition([{ phrases: ['да'], next: 'lead' }], { bargeIn: true })]),
  aNode('lead', [aGoal(), aHangup()]),
  byeNode(),
]);

describe('Play card', () => {
  describe('when the call is answered', () => {
    it('plays the personalised text and arms the playback guard timer', () =>
      given(greeting(), { contact: aContact({ name: 'Анна', fields: { city: 'Казань' } }) })
        .when(answered)
        .thenCommands([
          { type: 'Play', playbackId: 'p2', media: { kind: 'text', text: 'Здравствуйте, Анна! Вы из города Казань?' } },
          { type: 'SetTimer', timerId: 't3', delayMs: 120_000 },
        ]));

    it('plays an audio material as it is', () =>
      given(greeting({ kind: 'audio', materialId: 'audio-1' }))
        .when(answered)
        .thenIncludes({ type: 'Play', media: { kind: 'audio', materialId: 'audio-1' } }));

    it('plays a TTS material by reference', () =>
      given(greeting({ kind: 'tts', materialId: 'tts-1' }))
        .when(answered)
        .thenIncludes({ type: 'Play', media: { kind: 'tts', materialId: 'tts-1' } }));
  });

  describe('when the playback finishes', () => {
    it('runs the next card', () => given(greeting()).after(answered).when(playbackFinished).thenIncludes({ type: 'MarkGoal', tag: 'heard' }));
  });

  describe('when the playback fails', () => {
    it('skips the prompt and goes on', () => given(greeting()).after(answered).when(playbackFailed).thenIncludes({ type: 'MarkGoal', tag: 'heard' }));
  });

  describe('when the network never reports the end', () => {
    it('stops the playback at the guard timer and goes on', () =>
      given(greeting()).after(answered).when(timerFires).thenIncludes({ type: 'StopPlayback', playbackId: 'p2' }, { type: 'MarkGoal' }));
  });

  describe('when a stale playback finishes', () => {
    it('ignores it', () => given(greeting()).after(answered).when({ type: 'PlaybackFinished', playbackId: 'p999' }).thenCommands([]));
  });

  describe('when the next recognition allows barge-in', () => {
    it('listens while the prompt plays', () =>
      given(withRecognition(true))
        .when(answered)
        .thenCommands([{ type: 'Play' }, { type: 'SetTimer' }, { type: 'StartRecognition', mode: 'dtmf' }]));

    it('stops the prompt on a digit and takes the digit as the answer', () =>
      given(withRecognition(true))
        .after(answered)
        .when(dtmf('1'))
        .thenIncludes({ type: 'StopPlayback', playbackId: 'p2' }, { type: 'StopRecognition' }, { type: 'MarkGoal' }));

    it('does not let talking cut a keypad prompt', () => given(withRecognition(true)).after(answered).when(talkingStarted).thenCommands([]));

    it('stops a spoken prompt when the caller starts talking', () =>
      given(spokenQuestion).after(answered).when(talkingStarted).thenCommands([{ type: 'StopPlayback' }, { type: 'SetTimer', delayMs: 7_000 }]));

    it('stops a spoken prompt and takes the final phrase as the answer', () =>
      given(spokenQuestion).after(answered).when(said('да')).thenIncludes({ type: 'StopPlayback' }, { type: 'StopRecognition' }, { type: 'MarkGoal' }));
  });

  describe('when the next recognition does not allow barge-in', () => {
    it('ignores digits during the prompt', () => given(withRecognition(false)).after(answered).when(dtmf('1')).thenCommands([]));

    it('ignores speech during the prompt', () => given(withRecognition(false)).after(answered).when(said('да')).thenCommands([]));

    it('starts listening once the prompt ends', () =>
      given(withRecognition(false))
        .after(answered)
        .when(playbackFinished)
        .thenCommands([{ type: 'StartRecognition', mode: 'dtmf', timeoutMs: 7_000 }, { type: 'SetTimer', delayMs: 7_000 }]));
  });
});
