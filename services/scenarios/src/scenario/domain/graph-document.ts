import { ValidationError, type FieldViolation } from '@zvonar/eventsourcing';
import { parseScenario, type ScenarioVersion } from '@zvonar/scenario-runtime';
import type { GraphDocument } from './scenario';

const texts = {
  json: { ru: 'Граф сценария не является корректным JSON', en: 'The scenario graph is not valid JSON' },
  object: { ru: 'Граф сценария должен быть JSON-объектом', en: 'The scenario graph must be a JSON object' },
  malformed: { ru: 'Граф сценария составлен неверно', en: 'The scenario graph is malformed' },
} as const;
type Locale = 'ru' | 'en';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (locale: Locale, violations: readonly FieldViolation[]): never => {
  throw new ValidationError(texts.malformed[locale], violations);
};

/**
 * Reads the editor's document from untrusted JSON text. A malformed graph or an unknown card type
 * is a ValidationError with one violation per field (`graph.nodes[0].cards[1].type`), never a
 * crash. The service owns the ids, so scenarioId/version in the text are ignored.
 */
export function readGraph(
  json: string,
  scenarioId: string,
  locale: Locale,
): { graph: GraphDocument; model: ScenarioVersion } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refuse(locale, [{ field: 'graph', code: 'INVALID_JSON', message: texts.json[locale] }]);
  }
  if (!isObject(value))
    return refuse(locale, [{ field: 'graph', code: 'NOT_AN_OBJECT', message: texts.object[locale] }]);
  const { scenarioId: _ignoredId, version: _ignoredVersion, ...document } = value;
  const graph = document as GraphDocument;
  return { graph, model: toModel(graph, scenarioId, 0, locale) };
}

/** The runtime's model of a stored document; stored documents were accepted, so this only fails on a bug. */
export function toModel(
  graph: GraphDocument,
  scenarioId: string,
  version: number,
  locale: Locale = 'en',
): ScenarioVersion {
  const parsed = parseScenario({ ...graph, scenarioId, version });
  if (!parsed.ok) {
    return refuse(
      locale,
      parsed.violations.map((violation) => ({ ...violation, field: `graph.${violation.field}` })),
    );
  }
  return parsed.scenario;
}
