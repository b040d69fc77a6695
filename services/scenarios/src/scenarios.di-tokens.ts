/** ScenarioStore port (scenario/application/scenario-store.port.ts). */
export const SCENARIO_STORE = Symbol('SCENARIO_STORE');
/** ReferenceCatalogueSource port: which materials and integrations exist and are approved. */
export const REFERENCE_CATALOGUE = Symbol('REFERENCE_CATALOGUE');
