import { z } from 'zod';
import type { Card, ScenarioNode } from './scenario.model';

// Bounds keep one hostile document from making the validator or the engine do unbounded work.
const id = z.string().trim().min(1).max(200);
const durationMs = z.number().int().min(100).max(600_000);
const text = z.string().max(4000);
const branch = z.strictObject({ next: id });
const next = id;

const playSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('audio'), materialId: z.string().max(200) }),
  z.strictObject({ kind: z.literal('tts'), materialId: z.string().max(200) }),
  z.strictObject({ kind: z.literal('text'), text }),
]);

const recognitionCommon = {
  type: z.literal('Recognition'),
  id,
  timeoutMs: durationMs.optional(),
  retries: z.number().int().min(0).max(100).default(2),
  bargeIn: z.boolean().default(false),
  saveAs: id.optional(),
  noInput: branch,
  noMatch: branch,
};

const recognition = z.discriminatedUnion('mode', [
  z.strictObject({
    ...recognitionCommon,
    mode: z.literal('dtmf'),
    choices: z.array(z.strictObject({ digits: z.string().regex(/^[0-9*#]{1,20}$/), next })).min(1).max(20),
    maxDigits: z.number().int().min(1).max(20).default(1),
    terminator: z.enum(['#', '*']).optional(),
    interDigitTimeoutMs: durationMs.optional(),
  }),
  z.strictObject({
    ...recognitionCommon,
    mode: z.literal('speech'),
    choices: z
      .array(z.strictObject({ phrases: z.array(text).max(100).default([]), containsWords: z.array(text).max(20).default([]), next }))
      .min(1)
      .max(20),
    minConfidence: z.number().min(0).max(1).default(0.5),
  }),
]);

const operator = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sip'), uri: z.string().regex(/^sips?:[^\s]+$/) }),
  z.strictObject({ kind: z.literal('phone'), number: z.string().regex(/^\+?[0-9]{3,20}$/), dialPlanId: id.optional() }),
]);

const card = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Play'), id, source: playSource }),
  recognition,
  z.strictObject({ type: z.literal('Goal'), id, tag: z.string().max(100).optional() }),
  z.strictObject({ type: z.literal('Blacklist'), id, scope: z.enum(['project', 'account']) }),
  z.strictObject({ type: z.literal('Integration'), id, integrationId: z.string().max(200), fieldMapping: z.record(id, text).default({}) }),
  z.strictObject({ type: z.literal('Message'), id, materialId: z.string().max(200) }),
  z.strictObject({ type: z.literal('Transfer'), id, operators: z.array(operator).min(1).max(10), ringTimeoutMs: durationMs.default(30_000), noAnswer: branch }),
  z.strictObject({ type: z.literal('Recording'), id }),
  z.strictObject({
    type: z.literal('MachineFilter'),
    id,
    timeoutMs: durationMs.optional(),
    onMachine: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('hangup') }),
      z.strictObject({ kind: z.literal('playThenHangup'), source: playSource }),
      z.strictObject({ kind: z.literal('branch'), next }),
    ]),
  }),
  z.strictObject({ type: z.literal('SilenceDetection'), id, thresholdMs: durationMs, onSilence: branch }),
  z.strictObject({ type: z.literal('Hangup'), id }),
  z.strictObject({
    type: z.literal('Condition'),
    id,
    rules: z
      .array(
        z.strictObject({
          source: z.enum(['contact', 'variable']),
          field: id,
          operator: z.enum(['equals', 'notEquals', 'contains', 'exists', 'notExists', 'greaterThan', 'lessThan']),
          value: text.optional(),
          next,
        }),
      )
      .min(1)
      .max(20),
    otherwise: branch,
  }),
  z.strictObject({ type: z.literal('RandomSplit'), id, shares: z.array(z.strictObject({ percent: z.number().int().min(0).max(100), next })).min(2).max(10) }),
  z.strictObject({ type: z.literal('Pause'), id, durationMs }),
  z.strictObject({ type: z.literal('HandOver'), id, scenarioId: id }),
]) satisfies z.ZodType<Card>;

const node = z.strictObject({ id, cards: z.array(card).max(30), next: next.optional() }) satisfies z.ZodType<ScenarioNode>;

/** The document the editor saves: nodes as an array so their order is the user's. */
export const scenarioDocumentSchema = z.strictObject({
  scenarioId: id,
  version: z.number().int().min(0),
  startNodeId: id,
  nodes: z.array(node).min(1).max(500),
});

export type ScenarioDocument = z.input<typeof scenarioDocumentSchema>;
