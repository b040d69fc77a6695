import { describe, expect, it } from '@jest/globals';
import { aContact, aDtmfRecognition, aGoal, aHangup, aNode, aPlay, aScenario, byeNode, text } from '../testing/scenario.mother';
import { simulate } from './simulator';

const offer = aScenario([
  aNode('answer', [aPlay(text('Здравствуйте, {{name}}! Нажмите 1, если интересно.')), aDtmfRecognition({ '1': 'lead' })]),
  aNode('lead', [aGoal('interested'), aPlay(text('Спасибо, {{name}}!')), aHangup()]),
  byeNode(),
]);

const bot = (result: ReturnType<typeof simulate>) => result.transcript.filter((entry) => entry.by === 'bot').map((entry) => ('command' in entry ? entry.command : undefined));

describe('simulate', () => {
  it('runs a caller who presses 1 to the goal and the hangup', () => {
    const result = simulate(offer, aContact({ name: 'Анна' }), [{ kind: 'dtmf', digits: '1' }]);
    expect(result.finished).toBe(true);
    expect(bot(result).filter((command) => command?.type !== 'SetTimer')).toEqual([
      { type: 'Play', playbackId: 'p2', media: { kind: 'text', text: 'Здравствуйте, Анна! Нажмите 1, если интересно.' } },
      { type: 'StartRecognition', mode: 'dtmf', timeoutMs: 7000, maxDigits: 1, interDigitTimeoutMs: 3000 },
      { type: 'StopRecognition' },
      { type: 'MarkGoal', tag: 'interested' },
      { type: 'Play', playbackId: 'p5', media: { kind: 'text', text: 'Спасибо, Анна!' } },
      { type: 'HangUp', cause: 'ScenarioCompleted' },
    ]);
  });
});
