import type { Card, ScenarioNode, ScenarioVersion } from './scenario.model';

/** Own-property lookup: node ids come from users, and `constructor` must not find Object's. */
export const nodeById = (scenario: ScenarioVersion, id: string): ScenarioNode | undefined =>
  Object.prototype.hasOwnProperty.call(scenario.nodes, id) ? scenario.nodes[id] : undefined;

/**
 * How an edge is taken. `input` edges need the caller to answer something that matched; every
 * other edge can be taken by timers alone, which is what the loop rule cares about.
 */
export type EdgeKind = 'input' | 'timer' | 'flow';
export type Edge = { readonly from: string; readonly to: string; readonly kind: EdgeKind; readonly cardId?: string };

/** The branches a card can leave its node by (empty for cards that never leave). */
export const cardEdges = (nodeId: string, card: Card): Edge[] => {
  const edge = (to: string, kind: EdgeKind): Edge => ({ from: nodeId, to, kind, cardId: card.id });
  switch (card.type) {
    case 'Recognition':
      return [...card.choices.map((choice) => edge(choice.next, 'input')), edge(card.noInput.next, 'timer'), edge(card.noMatch.next, 'flow')];
    case 'Transfer':
      return [edge(card.noAnswer.next, 'timer')];
    case 'MachineFilter':
      return card.onMachine.kind === 'branch' ? [edge(card.onMachine.next, 'flow')] : [];
    case 'SilenceDetection':
      return [edge(card.onSilence.next, 'timer')];
    case 'Condition':
      return [...card.rules.map((rule) => edge(rule.next, 'flow')), edge(card.otherwise.next, 'flow')];
    case 'RandomSplit':
      return card.shares.map((share) => edge(share.next, 'flow'));
    default:
      return [];
  }
};

/** Cards after which the rest of the node never runs: they end the call or always branch away. */
export const endsNode = (card: Card): boolean =>
  card.type === 'Hangup' || card.type === 'Transfer' || card.type === 'HandOver' || card.type === 'Recognition' || card.type === 'Condition' || card.type === 'RandomSplit';

/** Cards that finish the bot's part of the call on their own path. */
export const isTerminal = (card: Card): boolean => card.type === 'Hangup' || card.type === 'HandOver' || card.type === 'Transfer';

/** Every edge out of a node: card branches plus `next` when the node can run to its end. */
export const nodeEdges = (node: ScenarioNode): Edge[] => {
  const edges = node.cards.flatMap((card) => cardEdges(node.id, card));
  if (node.next !== undefined && !node.cards.some(endsNode)) edges.push({ from: node.id, to: node.next, kind: 'flow' });
  return edges;
};
