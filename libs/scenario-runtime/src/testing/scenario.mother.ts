import type {
  BlacklistCard,
  Card,
  ConditionRule,
  DtmfRecognitionCard,
  GoalCard,
  HandOverCard,
  HangupCard,
  IntegrationCard,
  MachineAction,
  MachineFilterCard,
  MessageCard,
  Operator,
  PauseCard,
  PlayCard,
  PlaySource,
  RandomSplitCard,
  RecordingCard,
  ScenarioNode,
  ScenarioVersion,
  SilenceDetectionCard,
  SpeechRecognitionCard,
  TransferCard,
  ConditionCard,
} from '../model/scenario.model';
import type { Contact } from '../engine/runtime.state';
import type { ReferenceCatalogue } from '../validation/reference-catalogue';

// Test data builders: valid defaults, `Partial` overrides. Card ids are made unique per builder call.

let cardCounter = 0;
const cardId = (type: string) => `${type.toLowerCase()}-${(cardCounter += 1)}`;

export const aContact = (overrides: Partial<Contact> = {}): Contact => ({ id: 'contact-1', phone: '+79990001122', name: 'Анна', fields: { city: 'Казань' }, ...overrides });

export const aNode = (id: string, cards: readonly Card[], next?: string): ScenarioNode => (next === undefined ? { id, cards } : { id, cards, next });

/** A version from nodes; the first node is the start node unless `startNodeId` says otherwise. */
export const aScenario = (nodes: readonly ScenarioNode[], startNodeId = nodes[0]?.id ?? 'answer'): ScenarioVersion => ({
  scenarioId: 'scenario-1',
  version: 1,
  startNodeId,
  nodes: Object.fromEntries(nodes.map((node) => [node.id, node])),
});

export const text = (value: string): PlaySource => ({ kind: 'text', text: value });

export const aPlay = (source: PlaySource = text('Здравствуйте, {{name}}!'), overrides: Partial<PlayCard> = {}): PlayCard => ({ type: 'Play', id: cardId('Play'), source, ...overrides });

/** `choices` maps digits to the node each leads to. */
export const aDtmfRecognition = (choices: Readonly<Record<string, string>>, overrides: Partial<DtmfRecognitionCard> = {}): DtmfRecognitionCard => ({
  type: 'Recognition',
  mode: 'dtmf',
  id: cardId('Dtmf'),
  choices: Object.entries(choices).map(([digits, next]) => ({ digits, next })),
  maxDigits: Math.max(1, ...Object.keys(choices).map((digits) => digits.length)),
  retries: 1,
  bargeIn: false,
  noInput: { next: 'bye' },
  noMatch: { next: 'bye' },
  ...overrides,
});

export const aSpeechRecognition = (
  choices: readonly { phrases?: readonly string[]; containsWords?: readonly string[]; next: string }[],
  overrides: Partial<SpeechRecognitionCard> = {},
): SpeechRecognitionCard => ({
  type: 'Recognition',
  mode: 'speech',
  id: cardId('Speech'),
  choices: choices.map((choice) => ({ phrases: choice.phrases ?? [], containsWords: choice.containsWords ?? [], next: choice.next })),
  minConfidence: 0.5,
  retries: 1,
  bargeIn: false,
  noInput: { next: 'bye' },
  noMatch: { next: 'bye' },
  ...overrides,
});

export const aGoal = (tag?: string): GoalCard => (tag === undefined ? { type: 'Goal', id: cardId('Goal') } : { type: 'Goal', id: cardId('Goal'), tag });
export const aBlacklist = (scope: BlacklistCard['scope'] = 'project'): BlacklistCard => ({ type: 'Blacklist', id: cardId('Blacklist'), scope });
export const anIntegration = (fieldMapping: Readonly<Record<string, string>> = { client: '{{name}}' }, integrationId = 'crm-1'): IntegrationCard => ({
  type: 'Integration',
  id: cardId('Integration'),
  integrationId,
  fieldMapping,
});
export const aMessage = (materialId = 'sms-1'): MessageCard => ({ type: 'Message', id: cardId('Message'), materialId });
export const sipOperator = (uri = 'sip:operator@pbx.local'): Operator => ({ kind: 'sip', uri });
export const aTransfer = (operators: readonly Operator[] = [sipOperator()], noAnswer = 'bye', ringTimeoutMs = 20_000): TransferCard => ({
  type: 'Transfer',
  id: cardId('Transfer'),
  operators,
  ringTimeoutMs,
  noAnswer: { next: noAnswer },
});
export const aRecording = (): RecordingCard => ({ type: 'Recording', id: cardId('Recording') });
export const aMachineFilter = (onMachine: MachineAction = { kind: 'hangup' }): MachineFilterCard => ({ type: 'MachineFilter', id: cardId('Machine'), onMachine });
export const aSilenceDetection = (onSilence: string, thresholdMs = 4_000): SilenceDetectionCard => ({
  type: 'SilenceDetection',
  id: cardId('Silence'),
  thresholdMs,
  onSilence: { next: onSilence },
});
export const aHangup = (): HangupCard => ({ type: 'Hangup', id: cardId('Hangup') });
export const aCondition = (rules: readonly ConditionRule[], otherwise: string): ConditionCard => ({ type: 'Condition', id: cardId('Condition'), rules, otherwise: { next: otherwise } });
export const aRandomSplit = (shares: readonly { percent: number; next: string }[]): RandomSplitCard => ({ type: 'RandomSplit', id: cardId('Split'), shares });
export const aPause = (durationMs = 1_500): PauseCard => ({ type: 'Pause', id: cardId('Pause'), durationMs });
export const aHandOver = (scenarioId = 'scenario-2'): HandOverCard => ({ type: 'HandOver', id: cardId('HandOver'), scenarioId });

/** A node that says goodbye and hangs up: the usual end of a path. */
export const byeNode = (id = 'bye'): ScenarioNode => aNode(id, [aPlay(text('До свидания')), aHangup()]);

export const aCatalogue = (overrides: Partial<ReferenceCatalogue> = {}): ReferenceCatalogue => ({
  materials: { 'audio-1': { kind: 'audio', status: 'approved' }, 'tts-1': { kind: 'tts', status: 'approved' }, 'sms-1': { kind: 'sms', status: 'approved' } },
  integrations: { 'crm-1': { status: 'active' } },
  ...overrides,
});
