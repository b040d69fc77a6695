import type { ReferenceCatalogue, ScenarioVersion } from '@zvonar/scenario-runtime';

/**
 * What the validator needs to know about the materials and integrations a version points at.
 * The materials and integrations services own those facts; their gRPC adapters replace the
 * local one once they exist.
 */
export interface ReferenceCatalogueSource {
  catalogueFor(projectId: string, scenario: ScenarioVersion): Promise<ReferenceCatalogue>;
}
