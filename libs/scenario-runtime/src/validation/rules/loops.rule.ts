import { nodeById, nodeEdges } from '../../model/scenario.graph';
import type { ScenarioVersion } from '../../model/scenario.model';
import type { IssueDraft } from '../validation.issue';

/**
 * A loop is only safe when going round it needs the caller to answer a recognition (which has
 * a retry cap): then a silent caller falls out through no-input. So: drop the edges of matched
 * answers and look for cycles in what remains (Tarjan's strongly connected components).
 */
export function loopRules(scenario: ScenarioVersion): IssueDraft[] {
  const successors = new Map<string, string[]>();
  for (const node of Object.values(scenario.nodes)) {
    const targets = nodeEdges(node)
      .filter((edge) => edge.kind !== 'input' && nodeById(scenario, edge.to))
      .map((edge) => edge.to);
    successors.set(node.id, targets);
  }
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const issues: IssueDraft[] = [];
  let counter = 0;

  const connect = (id: string): void => {
    index.set(id, counter);
    lowLink.set(id, counter);
    counter += 1;
    stack.push(id);
    onStack.add(id);
    for (const next of successors.get(id) ?? []) {
      if (!index.has(next)) {
        connect(next);
        lowLink.set(id, Math.min(lowLink.get(id)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(id, Math.min(lowLink.get(id)!, index.get(next)!));
      }
    }
    if (lowLink.get(id) !== index.get(id)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== id);
    const selfLoop = component.length === 1 && (successors.get(id) ?? []).includes(id);
    if (component.length > 1 || selfLoop) issues.push(...component.map((nodeId) => ({ nodeId, code: 'LOOP_WITHOUT_INPUT' as const })));
  };

  for (const id of successors.keys()) if (!index.has(id)) connect(id);
  return issues;
}
