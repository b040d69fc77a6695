import { describe, expect, it } from '@jest/globals';
import { aCondition, aContact, aGoal, aHandOver, aHangup, aNode, aRandomSplit, aScenario } from '../../testing/scenario.mother';
import { answered, dtmf, given } from '../../testing/runtime.specification';
import type { ConditionRule } from '../../model/scenario.model';
import { handle, start } from '../runtime.engine';

const ends = [aNode('a', [aGoal('a'), aHangup()]), aNode('b', [aGoal('b'), aHangup()])];

describe('Hangup card', () => {
  it('hangs up with the scenario completed', () => given(aScenario([aNode('answer', [aHangup()])])).when(answered).thenCommands([{ type: 'HangUp', cause: 'ScenarioCompleted' }]));

  it('ignores every later event', () => given(aScenario([aNode('answer', [aHangup()])])).after(answered).when(dtmf('1'), answered).thenCommands([]));
});

describe('Hand-over card', () => {
  it('hands the call to the other scenario and stops', () => {
    const outcome = given(aScenario([aNode('answer', [aHandOver('scenario-9')])])).when(answered);
    outcome.thenCommands([{ type: 'HandOver', scenarioId: 'scenario-9' }]);
    expect(outcome.state.status).toBe('HandedOver');
  });
});

describe('Condition card', () => {
  const rule = (overrides: Partial<ConditionRule>): ConditionRule => ({ source: 'contact', field: 'city', operator: 'equals', value: 'Казань', next: 'a', ...overrides });
  const deciding = (...rules: ConditionRule[]) => aScenario([aNode('answer', [aCondition(rules, 'b')]), ...ends]);
  const contact = aContact({ name: 'Анна', fields: { city: 'Казань', age: '42', note: '' } });

  it.each<[string, Partial<ConditionRule>, 'a' | 'b']>([
    ['equals (case-insensitive)', { value: 'казань' }, 'a'],
    ['equals, other value', { value: 'Омск' }, 'b'],
    ['notEquals', { operator: 'notEquals', value: 'Омск' }, 'a'],
    ['contains', { operator: 'contains', value: 'зан' }, 'a'],
    ['exists', { operator: 'exists', field: 'city' }, 'a'],
    ['exists on an empty field', { operator: 'exists', field: 'note' }, 'b'],
    ['notExists', { operator: 'notExists', field: 'email' }, 'a'],
    ['greaterThan', { operator: 'greaterThan', field: 'age', value: '40' }, 'a'],
    ['greaterThan on text', { operator: 'greaterThan', field: 'city', value: '40' }, 'b'],
    ['lessThan', { operator: 'lessThan', field: 'age', value: '40' }, 'b'],
    ['the contact name', { field: 'name', value: 'анна' }, 'a'],
    ['a variable not set yet', { source: 'variable', field: 'choice', operator: 'exists' }, 'b'],
  ])('%s takes branch %s', (_name, overrides, branch) => given(deciding(rule(overrides)), { contact }).when(answered).thenIncludes({ type: 'MarkGoal', tag: branch }));

  it('takes the first rule that holds', () =>
    given(deciding(rule({ value: 'Омск', next: 'a' }), rule({ next: 'b' })), { contact }).when(answered).thenIncludes({ type: 'MarkGoal', tag: 'b' }));
});

describe('Random split card', () => {
  const split = (percentA: number) => aScenario([aNode('answer', [aRandomSplit([{ percent: percentA, next: 'a' }, { percent: 100 - percentA, next: 'b' }])]), ...ends]);
  const branchFor = (percentA: number, seed: number) => {
    const { state } = start(split(percentA), aContact(), { seed }, 0);
    const goal = handle(state, { type: 'CallAnswered' }, 0).commands.find((command) => command.type === 'MarkGoal');
    return goal?.type === 'MarkGoal' ? goal.tag : undefined;
  };

  it('takes the same branch for the same seed', () => {
    for (let seed = 0; seed < 50; seed += 1) expect(branchFor(50, seed)).toEqual(branchFor(50, seed));
  });

  it('always takes a 100% share', () => {
    for (let seed = 0; seed < 50; seed += 1) expect(branchFor(100, seed)).toBe('a');
  });

  it('splits calls close to the percentages', () => {
    let a = 0;
    for (let seed = 0; seed < 2_000; seed += 1) if (branchFor(30, seed * 7919) === 'a') a += 1;
    expect(a / 2_000).toBeGreaterThan(0.26);
    expect(a / 2_000).toBeLessThan(0.34);
  });
});
