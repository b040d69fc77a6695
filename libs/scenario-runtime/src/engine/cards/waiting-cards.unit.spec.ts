import { describe, it } from '@jest/globals';
import { aDtmfRecognition, aGoal, aHangup, aMachineFilter, aNode, aPause, aScenario, aSilenceDetection, text } from '../../testing/scenario.mother';
import { answered, dtmf, given, machineDetected, playbackFinished, said, talkingStarted, timerFires } from '../../testing/runtime.specification';
import type { MachineAction } from '../../model/scenario.model';

const human = aNode('human', [aGoal('human'), aHangup()]);

describe('Answering-machine filter card', () => {
  const filtered = (onMachine: MachineAction) => aScenario([aNode('answer', [aMachineFilter(onMachine), aGoal('person')], 'human'), human, aNode('voicemail', [aGoal('voicemail'), aHangup()])]);

  it('starts detection when the call is answered', () =>
    given(filtered({ kind: 'hangup' })).when(answered).thenCommands([{ type: 'StartMachineDetection', timeoutMs: 5_000 }, { type: 'SetTimer', delayMs: 10_000 }]));
  it('goes on for a person', () => given(filtered({ kind: 'hangup' })).after(answered).when(machineDetected('human')).thenIncludes({ type: 'MarkGoal', tag: 'person' }));
  it('goes on when unsure', () => given(filtered({ kind: 'hangup' })).after(answered).when(machineDetected('unknown')).thenIncludes({ type: 'MarkGoal', tag: 'person' }));
  it('goes on when detection never answers', () => given(filtered({ kind: 'hangup' })).after(answered).when(timerFires).thenIncludes({ type: 'MarkGoal', tag: 'person' }));
  it('hangs up on a machine', () => given(filtered({ kind: 'hangup' })).after(answered).when(machineDetected('machine')).thenCommands([{ type: 'HangUp', cause: 'AnsweringMachine' }]));
  it('leaves a message on a machine', () =>
    given(filtered({ kind: 'playThenHangup', source: text('Перезвоните нам') }))
      .after(answered)
      .when(machineDetected('machine'))
      .thenCommands([{ type: 'Play', media: { kind: 'text', text: 'Перезвоните нам' } }, { type: 'SetTimer' }]));
  it('hangs up once the message is played', () =>
    given(filtered({ kind: 'playThenHangup', source: text('Перезвоните нам') }))
      .after(answered, machineDetected('machine'))
      .when(playbackFinished)
      .thenCommands([{ type: 'HangUp', cause: 'AnsweringMachine' }]));
  it('hangs up when the message never ends', () =>
    given(filtered({ kind: 'playThenHangup', source: text('Перезвоните нам') }))
      .after(answered, machineDetected('machine'))
      .when(timerFires)
      .thenCommands([{ type: 'StopPlayback' }, { type: 'HangUp', cause: 'AnsweringMachine' }]));
  it('does not test again when the caller loops back to the start node', () =>
    given(aScenario([aNode('answer', [aMachineFilter(), aDtmfRecognition({ '1': 'answer' })]), human]))
      .after(answered, machineDetected('human'))
      .when(dtmf('1'))
      .thenCommands([{ type: 'StopRecognition' }, { type: 'StartRecognition' }, { type: 'SetTimer' }]));
  it('branches on a machine', () =>
    given(filtered({ kind: 'branch', next: 'voicemail' })).after(answered).when(machineDetected('machine')).thenIncludes({ type: 'MarkGoal', tag: 'voicemail' }));
});

describe('Silence detection card', () => {
  const watching = aScenario([aNode('answer', [aSilenceDetection('quiet', 4_000), aGoal('talked')], 'human'), human, aNode('quiet', [aGoal('quiet'), aHangup()])]);

  it('waits for the threshold', () => given(watching).when(answered).thenCommands([{ type: 'SetTimer', delayMs: 4_000 }]));
  it('goes on when the caller talks', () => given(watching).after(answered).when(talkingStarted).thenIncludes({ type: 'MarkGoal', tag: 'talked' }));
  it('goes on when speech is recognised', () => given(watching).after(answered).when(said('алло')).thenIncludes({ type: 'MarkGoal', tag: 'talked' }));
  it('goes on when the caller presses a key', () => given(watching).after(answered).when(dtmf('5')).thenIncludes({ type: 'MarkGoal', tag: 'talked' }));
  it('takes the silence branch past the threshold', () => given(watching).after(answered).when(timerFires).thenIncludes({ type: 'MarkGoal', tag: 'quiet' }));
});

describe('Pause card', () => {
  const pausing = aScenario([aNode('answer', [aPause(1_500), aGoal('after')], 'human'), human]);

  it('waits for its duration', () => given(pausing).when(answered).thenCommands([{ type: 'SetTimer', delayMs: 1_500 }]));
  it('goes on when the pause ends', () => given(pausing).after(answered).when(timerFires).thenIncludes({ type: 'MarkGoal', tag: 'after' }));
  it('ignores the caller meanwhile', () => given(pausing).after(answered).when(dtmf('1'), talkingStarted).thenCommands([]));
  it('ignores a stale timer', () => given(pausing).after(answered).when({ type: 'TimerFired', timerId: 't1' }).thenCommands([]));
});
