import { cardEdges, nodeById } from '../../model/scenario.graph';
import type { ScenarioVersion } from '../../model/scenario.model';
import type { IssueDraft } from '../validation.issue';

/** Every branch, and every `next`, must name a node that exists. */
export function branchTargetRules(scenario: ScenarioVersion): IssueDraft[] {
  const issues: IssueDraft[] = [];
  for (const node of Object.values(scenario.nodes)) {
    for (const card of node.cards) {
      if (cardEdges(node.id, card).some((edge) => !nodeById(scenario, edge.to))) issues.push({ nodeId: node.id, cardId: card.id, code: 'BRANCH_TARGET_MISSING' });
    }
    if (node.next !== undefined && !nodeById(scenario, node.next)) issues.push({ nodeId: node.id, code: 'BRANCH_TARGET_MISSING' });
  }
  return issues;
}
