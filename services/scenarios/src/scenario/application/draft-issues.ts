import { ValidationError } from '@zvonar/eventsourcing';
import { validateScenario, type Locale, type ValidationIssue } from '@zvonar/scenario-runtime';
import { toModel } from '../domain/graph-document';
import type { Scenario } from '../domain/scenario';
import type { ReferenceCatalogueSource } from './reference-catalogue.port';

/** Every publishing rule the scenario's draft breaks now (empty when it can be published). */
export async function draftIssues(
  scenario: Scenario,
  references: ReferenceCatalogueSource,
  locale: Locale,
  version = 0,
): Promise<ValidationIssue[]> {
  const model = toModel(scenario.draft, scenario.scenarioId, version, locale);
  return validateScenario(model, await references.catalogueFor(scenario.projectId, model), locale);
}

const refused = { ru: 'Черновик нарушает правила публикации', en: 'The draft breaks publishing rules' } as const;

/** The 422 of a refused publish: one field violation per issue, the field naming node and card. */
export const publishRefused = (issues: readonly ValidationIssue[], locale: Locale): ValidationError =>
  new ValidationError(
    refused[locale],
    issues.map((issue) => ({
      field: `graph.nodes[${issue.nodeId}]${issue.cardId ? `.cards[${issue.cardId}]` : ''}`,
      code: issue.code,
      message: issue.message,
    })),
  );
