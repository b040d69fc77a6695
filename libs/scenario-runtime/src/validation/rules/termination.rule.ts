import { endsNode, isTerminal, nodeEdges } from '../../model/scenario.graph';
import type { ScenarioNode, ScenarioVersion } from '../../model/scenario.model';
import type { IssueDraft } from '../validation.issue';

/** The cards that can run: none after the first card that leaves the node. */
const reachableCards = (node: ScenarioNode) => {
  const exit = node.cards.findIndex(endsNode);
  return exit < 0 ? node.cards : node.cards.slice(0, exit + 1);
};

/**
 * A node must end the bot's part of the call (hangup, transfer, hand-over) or lead on. Together
 * with the loop rule (no cycle without a caller's answer) this makes every path end: without
 * input the graph is acyclic and every sink is terminal.
 */
export function terminationRules(scenario: ScenarioVersion): IssueDraft[] {
  return Object.values(scenario.nodes)
    .filter((node) => !reachableCards(node).some(isTerminal) && nodeEdges(node).length === 0)
    .map((node) => ({ nodeId: node.id, code: 'PATH_NOT_TERMINATED' }));
}
