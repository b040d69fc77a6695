import { describe, expect, it } from '@jest/globals';
import type { RuntimeCommand } from '../engine/runtime.commands';
import { check, newChannel, observe } from './protocol.checker';

// The property suite trusts this model of the channel, so it must itself reject what it should.
const answeredChannel = () => {
  const channel = newChannel();
  observe(channel, { type: 'CallAnswered' });
  return channel;
};
const play = (playbackId: string): RuntimeCommand => ({ type: 'Play', playbackId, media: { kind: 'text', text: 'a' } });

describe('protocol checker', () => {
  it('accepts a well-formed exchange', () => {
    const channel = answeredChannel();
    expect(check(channel, [play('p1'), { type: 'SetTimer', timerId: 't1', delayMs: 5, fireAt: 5 }])).toEqual([]);
    observe(channel, { type: 'PlaybackFinished', playbackId: 'p1' });
    expect(check(channel, [play('p2'), { type: 'StopPlayback', playbackId: 'p2' }, { type: 'HangUp', cause: 'ScenarioCompleted' }])).toEqual([]);
  });

  it.each<[string, RuntimeCommand[]]>([
    ['two playbacks at once', [play('p1'), play('p2')]],
    ['stopping a playback that is not playing', [{ type: 'StopPlayback', playbackId: 'p1' }]],
    ['starting recognition twice', [{ type: 'StartRecognition', mode: 'dtmf', timeoutMs: 1 }, { type: 'StartRecognition', mode: 'dtmf', timeoutMs: 1 }]],
    ['stopping recognition that is off', [{ type: 'StopRecognition' }]],
    ['recording twice', [{ type: 'StartRecording' }, { type: 'StartRecording' }]],
    ['detecting twice', [{ type: 'StartMachineDetection', timeoutMs: 1 }, { type: 'StartMachineDetection', timeoutMs: 1 }]],
    ['a reused timer id', [{ type: 'SetTimer', timerId: 't1', delayMs: 1, fireAt: 1 }, { type: 'SetTimer', timerId: 't1', delayMs: 1, fireAt: 1 }]],
    ['transferring while recognising', [{ type: 'StartRecognition', mode: 'dtmf', timeoutMs: 1 }, { type: 'Transfer', transferId: 'x1', operator: { kind: 'sip', uri: 'sip:a@b' }, ringTimeoutMs: 1 }]],
    ['hanging up while playing', [play('p1'), { type: 'HangUp', cause: 'ScenarioCompleted' }]],
    ['a command after the hangup', [{ type: 'HangUp', cause: 'ScenarioCompleted' }, { type: 'MarkGoal' }]],
  ])('flags %s', (_name, commands) => expect(check(answeredChannel(), commands)).not.toEqual([]));

  it('flags a play before the answer', () => expect(check(newChannel(), [play('p1')])).toEqual(['Play before the answer']));
});
