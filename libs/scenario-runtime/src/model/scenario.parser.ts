import type { ScenarioNode, ScenarioVersion } from './scenario.model';
import { scenarioDocumentSchema } from './scenario.schema';

/** A field-level problem in the submitted document (`nodes[2].cards[0].type`). */
export type FieldViolation = { readonly field: string; readonly code: string; readonly message: string };

export type ParseResult = { readonly ok: true; readonly scenario: ScenarioVersion } | { readonly ok: false; readonly violations: readonly FieldViolation[] };

const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((field, key) => (typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${String(key)}` : String(key)), '');

type SchemaIssue = { readonly code: string; readonly path: readonly PropertyKey[]; readonly message: string; readonly note?: string };

const violationCode = (issue: SchemaIssue): string => {
  const last = issue.path[issue.path.length - 1];
  if (issue.code === 'invalid_union' && issue.note === 'No matching discriminator') return last === 'type' ? 'UNKNOWN_CARD_TYPE' : 'UNKNOWN_VARIANT';
  if (issue.code === 'unrecognized_keys') return 'UNKNOWN_FIELD';
  return issue.code.toUpperCase();
};

/**
 * Parses an untrusted JSON value (the editor's document) into a scenario version. Never throws:
 * an unknown card type or a malformed graph comes back as field violations for a 422.
 */
export function parseScenario(input: unknown): ParseResult {
  const parsed = scenarioDocumentSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, violations: parsed.error.issues.map((issue) => ({ field: fieldPath(issue.path), code: violationCode(issue), message: issue.message })) };
  }
  const document = parsed.data;
  const violations: FieldViolation[] = [];
  const nodeIds = new Set<string>();
  document.nodes.forEach((node, index) => {
    if (nodeIds.has(node.id)) violations.push({ field: `nodes[${index}].id`, code: 'DUPLICATE_NODE_ID', message: `Node id ${node.id} is used twice` });
    nodeIds.add(node.id);
  });
  // fromEntries defines own properties, so an id such as `__proto__` stays an ordinary key.
  const nodes: Record<string, ScenarioNode> = Object.fromEntries(document.nodes.map((node) => [node.id, node]));
  const cardIds = new Set<string>();
  document.nodes.forEach((node, nodeIndex) =>
    node.cards.forEach((card, cardIndex) => {
      if (cardIds.has(card.id)) violations.push({ field: `nodes[${nodeIndex}].cards[${cardIndex}].id`, code: 'DUPLICATE_CARD_ID', message: `Card id ${card.id} is used twice` });
      cardIds.add(card.id);
    }),
  );
  if (!nodeIds.has(document.startNodeId)) {
    violations.push({ field: 'startNodeId', code: 'START_NODE_MISSING', message: `No node has the start id ${document.startNodeId}` });
  }
  if (violations.length > 0) return { ok: false, violations };
  return { ok: true, scenario: { scenarioId: document.scenarioId, version: document.version, startNodeId: document.startNodeId, nodes } };
}
