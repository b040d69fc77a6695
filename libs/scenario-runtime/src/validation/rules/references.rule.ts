import type { Card, PlaySource, ScenarioVersion } from '../../model/scenario.model';
import { lookup, type MaterialKind, type ReferenceCatalogue } from '../reference-catalogue';
import type { IssueDraft } from '../validation.issue';

type MaterialUse = { readonly materialId: string; readonly kind: MaterialKind };

const fromSource = (source: PlaySource): MaterialUse[] => (source.kind === 'text' || source.materialId === '' ? [] : [{ materialId: source.materialId, kind: source.kind }]);

const materialUses = (card: Card): MaterialUse[] => {
  if (card.type === 'Play') return fromSource(card.source);
  if (card.type === 'MachineFilter' && card.onMachine.kind === 'playThenHangup') return fromSource(card.onMachine.source);
  if (card.type === 'Message') return [{ materialId: card.materialId, kind: 'sms' }];
  return [];
};

/** Materials and integrations must exist and be approved; hand-over targets must be published. */
export function referenceRules(scenario: ScenarioVersion, catalogue: ReferenceCatalogue): IssueDraft[] {
  const issues: IssueDraft[] = [];
  for (const node of Object.values(scenario.nodes)) {
    for (const card of node.cards) {
      const at = { nodeId: node.id, cardId: card.id };
      for (const use of materialUses(card)) {
        const material = lookup(catalogue.materials, use.materialId);
        if (!material) issues.push({ ...at, code: 'MATERIAL_NOT_FOUND' });
        else if (material.kind !== use.kind) issues.push({ ...at, code: 'MATERIAL_WRONG_KIND' });
        else if (material.status !== 'approved') issues.push({ ...at, code: 'MATERIAL_NOT_APPROVED' });
      }
      if (card.type === 'Integration') {
        const integration = lookup(catalogue.integrations, card.integrationId);
        if (!integration) issues.push({ ...at, code: 'INTEGRATION_NOT_FOUND' });
        else if (integration.status !== 'active') issues.push({ ...at, code: 'INTEGRATION_NOT_APPROVED' });
      }
      if (card.type === 'HandOver' && catalogue.publishedScenarios && !catalogue.publishedScenarios.includes(card.scenarioId)) {
        issues.push({ ...at, code: 'SCENARIO_NOT_FOUND' });
      }
    }
  }
  return issues;
}
