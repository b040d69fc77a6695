import type { ScenarioVersion } from '../../model/scenario.model';
import type { IssueDraft } from '../validation.issue';

/**
 * Recording and machine detection must begin the moment the call is answered: later, the
 * recording misses the greeting and the detector hears the bot instead of the callee.
 */
export function startNodeOnlyRules(scenario: ScenarioVersion): IssueDraft[] {
  const issues: IssueDraft[] = [];
  for (const node of Object.values(scenario.nodes)) {
    if (node.id === scenario.startNodeId) continue;
    for (const card of node.cards) {
      if (card.type === 'Recording') issues.push({ nodeId: node.id, cardId: card.id, code: 'RECORDING_OUTSIDE_START' });
      if (card.type === 'MachineFilter') issues.push({ nodeId: node.id, cardId: card.id, code: 'MACHINE_FILTER_OUTSIDE_START' });
    }
  }
  return issues;
}
