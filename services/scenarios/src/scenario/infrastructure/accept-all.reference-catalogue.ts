import type { Card, MaterialKind, ReferenceCatalogue, ScenarioVersion } from '@zvonar/scenario-runtime';
import type { ReferenceCatalogueSource } from '../application/reference-catalogue.port';

const materialsOf = (card: Card): { id: string; kind: MaterialKind }[] => {
  if (card.type === 'Play' && card.source.kind !== 'text')
    return [{ id: card.source.materialId, kind: card.source.kind }];
  if (
    card.type === 'MachineFilter' &&
    card.onMachine.kind === 'playThenHangup' &&
    card.onMachine.source.kind !== 'text'
  )
    return [{ id: card.onMachine.source.materialId, kind: card.onMachine.source.kind }];
  if (card.type === 'Message') return [{ id: card.materialId, kind: 'sms' }];
  return [];
};

/**
 * The local adapter until the materials and integrations services exist: every referenced
 * material counts as existing, approved and of the kind its card needs, every integration as
 * active, and hand-over targets are not checked. An empty material id is still reported by the
 * validator's own rule (a Play without a source).
 */
export class AcceptAllReferenceCatalogue implements ReferenceCatalogueSource {
  async catalogueFor(_projectId: string, scenario: ScenarioVersion): Promise<ReferenceCatalogue> {
    const cards = Object.values(scenario.nodes).flatMap((node) => node.cards);
    return {
      materials: Object.fromEntries(
        cards.flatMap(materialsOf).map(({ id, kind }) => [id, { kind, status: 'approved' as const }]),
      ),
      integrations: Object.fromEntries(
        cards.flatMap((card) =>
          card.type === 'Integration' ? [[card.integrationId, { status: 'active' as const }]] : [],
        ),
      ),
    };
  }
}
