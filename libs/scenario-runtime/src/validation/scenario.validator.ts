import type { ScenarioVersion } from '../model/scenario.model';
import type { ReferenceCatalogue } from './reference-catalogue';
import { branchTargetRules } from './rules/branch-targets.rule';
import { loopRules } from './rules/loops.rule';
import { nodeCardRules } from './rules/node-cards.rule';
import { referenceRules } from './rules/references.rule';
import { startNodeOnlyRules } from './rules/start-node-only.rule';
import { terminationRules } from './rules/termination.rule';
import { localise, type Locale, type ValidationIssue } from './validation.issue';

/**
 * Every rule a version must pass before it is published. Returns all issues (empty when valid)
 * so the editor can paint every offending card at once.
 *
 * @example
 * const issues = validateScenario(version, catalogue, 'ru');
 * if (issues.length > 0) return unprocessable(issues); // 422 [{ nodeId, code, message }]
 */
export function validateScenario(scenario: ScenarioVersion, catalogue: ReferenceCatalogue, locale: Locale = 'en'): ValidationIssue[] {
  return [
    ...nodeCardRules(scenario),
    ...startNodeOnlyRules(scenario),
    ...branchTargetRules(scenario),
    ...terminationRules(scenario),
    ...loopRules(scenario),
    ...referenceRules(scenario, catalogue),
  ].map((draft) => localise(draft, locale));
}
