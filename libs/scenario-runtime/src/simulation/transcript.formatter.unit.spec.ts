import { describe, expect, it } from '@jest/globals';
import { aContact, aDtmfRecognition, aGoal, aHangup, aNode, aPlay, aScenario, aTransfer, byeNode, sipOperator, text } from '../testing/scenario.mother';
import { simulate } from './simulator';
import { formatTranscript } from './transcript.formatter';

describe('formatTranscript', () => {
  it('tells the conversation line by line', () => {
    const scenario = aScenario([
      aNode('answer', [aPlay(text('Здравствуйте, {{name}}! Нажмите 1 для связи с оператором.')), aDtmfRecognition({ '1': 'operator' }, { saveAs: 'choice' })]),
      aNode('operator', [aGoal('callback'), aTransfer([sipOperator('sip:sales@pbx')], 'bye')]),
      byeNode(),
    ]);
    const result = simulate(scenario, aContact({ name: 'Анна' }), [{ kind: 'silence' }, { kind: 'dtmf', digits: '1' }], { transfers: ['failed'] });
    expect(formatTranscript(result.transcript)).toEqual([
      '0:00 bot: plays «Здравствуйте, Анна! Нажмите 1 для связи с оператором.»',
      '0:00 bot: waits for keys',
      '0:07 network: silence',
      '0:07 bot: plays «Здравствуйте, Анна! Нажмите 1 для связи с оператором.»',
      '0:07 bot: waits for keys',
      '0:08 caller: presses 1',
      '0:08 bot: remembers choice = «1»',
      '0:08 bot: goal reached: callback',
      '0:08 bot: transfers to sip:sales@pbx',
      '0:08 network: operator does not answer',
      '0:08 bot: plays «До свидания»',
      '0:08 bot: hangs up (ScenarioCompleted)',
    ]);
  });

  it('leaves out timers and playback bookkeeping', () => {
    const result = simulate(aScenario([aNode('answer', [aHangup()])]), aContact(), []);
    expect(formatTranscript(result.transcript)).toEqual(['0:00 bot: hangs up (ScenarioCompleted)']);
  });
});
