import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { VOCABULARY, validScenario } from '../testing/scenario.arbitraries';
import { aContact, aDtmfRecognition, aGoal, aHangup, aMachineFilter, aNode, aPlay, aScenario, aSpeechRecognition, aTransfer, byeNode, sipOperator, text } from '../testing/scenario.mother';
import { simulate, type CallerTurn } from './simulator';
import { runs } from '../testing/property-runs';

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

describe('simulate (more conversations)', () => {
  const commandsOf = (result: ReturnType<typeof simulate>) => bot(result).map((command) => command?.type);

  it('lets silence run the waits out to the no-input branch', () => {
    const result = simulate(offer, aContact(), [{ kind: 'silence' }, { kind: 'silence' }]);
    expect(result.state.cause).toBe('ScenarioCompleted');
    expect(commandsOf(result)).not.toContain('MarkGoal');
    expect(result.transcript.filter((entry) => entry.by === 'network' && entry.event.type === 'TimerFired')).toHaveLength(2);
  });

  it('takes a spoken answer', () => {
    const spoken = aScenario([
      aNode('answer', [aPlay(text('Вам интересно?')), aSpeechRecognition([{ phrases: ['да'], next: 'lead' }])]),
      aNode('lead', [aGoal(), aHangup()]),
      byeNode(),
    ]);
    expect(commandsOf(simulate(spoken, aContact(), [{ kind: 'say', text: 'Да!' }]))).toContain('MarkGoal');
  });

  it('hangs up on an answering machine when told the callee is one', () => {
    const filtered = aScenario([aNode('answer', [aMachineFilter(), aGoal()], 'bye'), byeNode()]);
    const result = simulate(filtered, aContact(), [], { machine: 'machine' });
    expect(result.state.cause).toBe('AnsweringMachine');
  });

  it('falls through to the no-answer branch when every transfer fails', () => {
    const transferring = aScenario([aNode('answer', [aTransfer([sipOperator(), sipOperator('sip:second@pbx')], 'missed')]), aNode('missed', [aGoal('missed'), aHangup()])]);
    const result = simulate(transferring, aContact(), [], { transfers: ['failed', 'failed'] });
    expect(bot(result)).toContainEqual({ type: 'MarkGoal', tag: 'missed' });
  });

  it('lets a caller cut the prompt where the card allows barge-in', () => {
    const bargeIn = aScenario([aNode('answer', [aPlay(text('Нажмите 1')), aDtmfRecognition({ '1': 'lead' }, { bargeIn: true })]), aNode('lead', [aGoal(), aHangup()]), byeNode()]);
    const result = simulate(bargeIn, aContact(), [{ kind: 'dtmf', digits: '1', interrupt: true }]);
    expect(commandsOf(result).slice(0, 6)).toEqual(['SetTimer', 'Play', 'SetTimer', 'StartRecognition', 'StopPlayback', 'SetTimer']);
    expect(commandsOf(result)).toContain('MarkGoal');
  });

  it('loses a key pressed over a prompt that does not allow barge-in, as a real line would', () => {
    const result = simulate(offer, aContact(), [{ kind: 'dtmf', digits: '1', interrupt: true }]);
    expect(commandsOf(result)).not.toContain('StopPlayback');
    expect(commandsOf(result)).not.toContain('MarkGoal');
  });

  it('ends every generated conversation, whatever the caller says', () => {
    fc.assert(
      fc.property(
        validScenario(4),
        fc.array(
          fc
            .tuple(
              fc.oneof(fc.constant<CallerTurn>({ kind: 'silence' }), fc.constantFrom('1', '2', '12*', '#').map((digits): CallerTurn => ({ kind: 'dtmf', digits })), fc.constantFrom(...VOCABULARY).map((said): CallerTurn => ({ kind: 'say', text: said }))),
              fc.boolean(),
            )
            .map(([turn, interrupt]): CallerTurn => ({ ...turn, interrupt })),
          { maxLength: 8 },
        ),
        fc.constantFrom('human', 'machine', 'unknown' as const),
        (scenario, turns, machine) => {
          const result = simulate(scenario, aContact(), turns, { machine, transfers: ['failed'] });
          expect(result.finished).toBe(true);
          expect(['RuntimeFault', 'ScenarioDeadEnd', 'LoopLimit']).not.toContain(result.state.cause);
        },
      ),
      { numRuns: runs(2_000) },
    );
  });
});
