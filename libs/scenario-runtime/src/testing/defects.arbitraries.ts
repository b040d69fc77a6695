import fc from 'fast-check';
import type { Card, ScenarioNode, ScenarioVersion } from '../model/scenario.model';
import type { IssueCode } from '../validation/validation.issue';
import { validScenario } from './scenario.arbitraries';

/** One way to break one node, and the issue the validator must report for that node. */
type Defect = { readonly code: IssueCode; readonly startNode?: 'only' | 'never'; readonly breakNode: (node: ScenarioNode) => ScenarioNode };

const prepend = (node: ScenarioNode, ...cards: Card[]): ScenarioNode => ({ ...node, cards: [...cards, ...node.cards] });
const replace = (node: ScenarioNode, cards: Card[], next?: string): ScenarioNode => (next === undefined ? { id: node.id, cards } : { id: node.id, cards, next });
const play = (id: string, text = 'Алло'): Card => ({ type: 'Play', id, source: { kind: 'text', text } });

export const DEFECTS: readonly Defect[] = [
  { code: 'DUPLICATE_PLAY', breakNode: (node) => prepend(node, play('bad-play-1'), play('bad-play-2')) },
  {
    code: 'DUPLICATE_TRANSFER',
    breakNode: (node) =>
      replace(node, [
        { type: 'Transfer', id: 'bad-transfer-1', operators: [{ kind: 'sip', uri: 'sip:a@b' }], ringTimeoutMs: 5_000, noAnswer: { next: 'bye' } },
        { type: 'Transfer', id: 'bad-transfer-2', operators: [{ kind: 'sip', uri: 'sip:a@b' }], ringTimeoutMs: 5_000, noAnswer: { next: 'bye' } },
      ]),
  },
  { code: 'PLAY_WITHOUT_SOURCE', breakNode: (node) => replace(node, [play('bad-play', ' '), { type: 'Hangup', id: 'bad-hangup' }]) },
  { code: 'RECORDING_OUTSIDE_START', startNode: 'never', breakNode: (node) => prepend(node, { type: 'Recording', id: 'bad-recording' }) },
  { code: 'MACHINE_FILTER_OUTSIDE_START', startNode: 'never', breakNode: (node) => prepend(node, { type: 'MachineFilter', id: 'bad-machine', onMachine: { kind: 'hangup' } }) },
  { code: 'BRANCH_TARGET_MISSING', breakNode: (node) => replace(node, [{ type: 'Goal', id: 'bad-goal' }], 'no-such-node') },
  { code: 'PATH_NOT_TERMINATED', breakNode: (node) => replace(node, [{ type: 'Goal', id: 'bad-goal' }]) },
  { code: 'LOOP_WITHOUT_INPUT', breakNode: (node) => replace(node, [{ type: 'Pause', id: 'bad-pause', durationMs: 1_000 }], node.id) },
  { code: 'CARD_AFTER_EXIT', breakNode: (node) => replace(node, [{ type: 'Hangup', id: 'bad-hangup' }, { type: 'Goal', id: 'bad-goal' }]) },
  {
    code: 'RETRY_CAP',
    breakNode: (node) =>
      replace(node, [{ type: 'Recognition', id: 'bad-dtmf', mode: 'dtmf', choices: [{ digits: '1', next: 'bye' }], maxDigits: 1, retries: 50, bargeIn: false, noInput: { next: 'bye' }, noMatch: { next: 'bye' } }]),
  },
  {
    code: 'DTMF_CHOICE_TOO_LONG',
    breakNode: (node) =>
      replace(node, [{ type: 'Recognition', id: 'bad-dtmf', mode: 'dtmf', choices: [{ digits: '123', next: 'bye' }], maxDigits: 1, retries: 1, bargeIn: false, noInput: { next: 'bye' }, noMatch: { next: 'bye' } }]),
  },
  { code: 'SPLIT_NOT_100', breakNode: (node) => replace(node, [{ type: 'RandomSplit', id: 'bad-split', shares: [{ percent: 10, next: 'bye' }, { percent: 20, next: 'bye' }] }]) },
  { code: 'MATERIAL_NOT_FOUND', breakNode: (node) => replace(node, [{ type: 'Play', id: 'bad-play', source: { kind: 'audio', materialId: 'missing' } }, { type: 'Hangup', id: 'bad-hangup' }]) },
  { code: 'MATERIAL_NOT_APPROVED', breakNode: (node) => prepend(node, { type: 'Message', id: 'bad-sms', materialId: 'sms-pending' }) },
  { code: 'MATERIAL_WRONG_KIND', breakNode: (node) => prepend(node, { type: 'Message', id: 'bad-sms', materialId: 'audio-1' }) },
  { code: 'INTEGRATION_NOT_FOUND', breakNode: (node) => prepend(node, { type: 'Integration', id: 'bad-integration', integrationId: 'missing', fieldMapping: {} }) },
  { code: 'INTEGRATION_NOT_APPROVED', breakNode: (node) => prepend(node, { type: 'Integration', id: 'bad-integration', integrationId: 'crm-off', fieldMapping: {} }) },
];

export type BrokenScenario = { readonly scenario: ScenarioVersion; readonly nodeId: string; readonly code: IssueCode };

/** A valid scenario with exactly one node broken in one way. */
export const brokenScenario: fc.Arbitrary<BrokenScenario> = fc
  .record({ scenario: validScenario(), defect: fc.constantFrom(...DEFECTS), pick: fc.nat() })
  .filter(({ scenario, defect }) => defect.startNode !== 'never' || Object.keys(scenario.nodes).length > 2)
  .map(({ scenario, defect, pick }) => {
    const candidates = Object.keys(scenario.nodes).filter((id) => id !== 'bye' && (defect.startNode !== 'never' || id !== scenario.startNodeId));
    const nodeId = candidates[pick % candidates.length]!;
    const nodes = { ...scenario.nodes, [nodeId]: defect.breakNode(scenario.nodes[nodeId]!) };
    return { scenario: { ...scenario, nodes }, nodeId, code: defect.code };
  });
