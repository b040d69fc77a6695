import type { ConditionCard, ConditionRule, HandOverCard, HangupCard, RandomSplitCard } from '../../model/scenario.model';
import type { RuntimeState } from '../runtime.state';
import { nextRandom } from '../seeded-random';
import { enterNode, handOver, hangUp } from '../turn';
import { instant } from './card-behaviour';

// Cards that decide where the call goes without waiting for anything.

const fieldValue = (state: RuntimeState, rule: ConditionRule): string | undefined => {
  const table = rule.source === 'variable' ? state.variables : state.contact.fields;
  if (Object.prototype.hasOwnProperty.call(table, rule.field)) return table[rule.field];
  if (rule.source === 'contact' && rule.field === 'name') return state.contact.name;
  if (rule.source === 'contact' && rule.field === 'phone') return state.contact.phone;
  return undefined;
};

/** Numbers compare as numbers; anything else never satisfies greater/less. */
const compareNumbers = (left: string | undefined, right: string | undefined): number | undefined => {
  const a = Number(left);
  const b = Number(right);
  return left === undefined || right === undefined || left.trim() === '' || right.trim() === '' || Number.isNaN(a) || Number.isNaN(b) ? undefined : a - b;
};

export const holds = (state: RuntimeState, rule: ConditionRule): boolean => {
  const value = fieldValue(state, rule);
  const fold = (text: string | undefined) => (text ?? '').trim().toLowerCase();
  switch (rule.operator) {
    case 'exists':
      return value !== undefined && value.trim() !== '';
    case 'notExists':
      return value === undefined || value.trim() === '';
    case 'equals':
      return fold(value) === fold(rule.value);
    case 'notEquals':
      return fold(value) !== fold(rule.value);
    case 'contains':
      return value !== undefined && fold(value).includes(fold(rule.value));
    case 'greaterThan':
      return (compareNumbers(value, rule.value) ?? 0) > 0;
    case 'lessThan':
      return (compareNumbers(value, rule.value) ?? 0) < 0;
  }
};

export const conditionCard = instant<ConditionCard>((turn, card) => {
  const rule = card.rules.find((candidate) => holds(turn.state, candidate));
  enterNode(turn, (rule ?? card.otherwise).next);
});

export const randomSplitCard = instant<RandomSplitCard>((turn, card) => {
  const { value, seed } = nextRandom(turn.state.random);
  turn.state.random = seed;
  const total = card.shares.reduce((sum, share) => sum + share.percent, 0);
  let threshold = value * total;
  // Shares that do not add up to 100 are refused at publication; here they are simply weights.
  const chosen = card.shares.find((share) => (threshold -= share.percent) < 0) ?? card.shares[card.shares.length - 1];
  if (chosen) enterNode(turn, chosen.next);
  else hangUp(turn, 'ScenarioDeadEnd');
});

export const hangupCard = instant<HangupCard>((turn) => hangUp(turn, 'ScenarioCompleted'));

export const handOverCard = instant<HandOverCard>((turn, card) => handOver(turn, card.scenarioId));
