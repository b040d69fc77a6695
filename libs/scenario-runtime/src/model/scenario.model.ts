/**
 * The scenario graph as the runtime and the validator see it. A scenario version is one start
 * node ("Answer") plus nodes that each hold an ordered list of cards; a card either runs and lets
 * the next card of the node run, waits for the caller or the network, or leaves the node through
 * a branch (an edge to another node id). A node whose cards all ran follows `next`.
 */

/** Where a Play card takes its sound from. Inline text is rendered with `{{variables}}` first. */
export type PlaySource =
  | { readonly kind: 'audio'; readonly materialId: string }
  | { readonly kind: 'tts'; readonly materialId: string }
  | { readonly kind: 'text'; readonly text: string };

/** An edge: the node the call goes to when this outcome happens. */
export type Branch = { readonly next: string };

export type PlayCard = { readonly type: 'Play'; readonly id: string; readonly source: PlaySource };

export type DtmfChoice = Branch & { readonly digits: string };
export type SpeechChoice = Branch & { readonly phrases: readonly string[]; readonly containsWords: readonly string[] };

type RecognitionCommon = {
  readonly id: string;
  /** How long the caller has to answer, per attempt (the action wait; 7 s unless set). */
  readonly timeoutMs?: number;
  /** Extra attempts after a no-input or a no-match before their branch is taken. */
  readonly retries: number;
  /** The caller may interrupt the prompt of this node: the recogniser listens while it plays. */
  readonly bargeIn: boolean;
  /** Stores what the caller said or typed in this variable. */
  readonly saveAs?: string;
  readonly noInput: Branch;
  readonly noMatch: Branch;
};

export type DtmfRecognitionCard = RecognitionCommon & {
  readonly type: 'Recognition';
  readonly mode: 'dtmf';
  readonly choices: readonly DtmfChoice[];
  readonly maxDigits: number;
  readonly terminator?: string;
  /** Silence between two digits that ends the sequence. */
  readonly interDigitTimeoutMs?: number;
};

export type SpeechRecognitionCard = RecognitionCommon & {
  readonly type: 'Recognition';
  readonly mode: 'speech';
  readonly choices: readonly SpeechChoice[];
  /** Final results below this confidence (0..1) count as a no-match. */
  readonly minConfidence: number;
};

export type RecognitionCard = DtmfRecognitionCard | SpeechRecognitionCard;

export type GoalCard = { readonly type: 'Goal'; readonly id: string; readonly tag?: string };
export type BlacklistCard = { readonly type: 'Blacklist'; readonly id: string; readonly scope: 'project' | 'account' };
export type IntegrationCard = {
  readonly type: 'Integration';
  readonly id: string;
  readonly integrationId: string;
  /** Integration field name -> template rendered with the call's variables. */
  readonly fieldMapping: Readonly<Record<string, string>>;
};
export type MessageCard = { readonly type: 'Message'; readonly id: string; readonly materialId: string };

export type Operator = { readonly kind: 'sip'; readonly uri: string } | { readonly kind: 'phone'; readonly number: string; readonly dialPlanId?: string };
export type TransferCard = {
  readonly type: 'Transfer';
  readonly id: string;
  /** Tried one after another, in this order. */
  readonly operators: readonly Operator[];
  readonly ringTimeoutMs: number;
  readonly noAnswer: Branch;
};

export type RecordingCard = { readonly type: 'Recording'; readonly id: string };

export type MachineAction =
  | { readonly kind: 'hangup' }
  | { readonly kind: 'playThenHangup'; readonly source: PlaySource }
  | { readonly kind: 'branch'; readonly next: string };
export type MachineFilterCard = { readonly type: 'MachineFilter'; readonly id: string; readonly onMachine: MachineAction; readonly timeoutMs?: number };

export type SilenceDetectionCard = { readonly type: 'SilenceDetection'; readonly id: string; readonly thresholdMs: number; readonly onSilence: Branch };
export type HangupCard = { readonly type: 'Hangup'; readonly id: string };

export type ConditionOperator = 'equals' | 'notEquals' | 'contains' | 'exists' | 'notExists' | 'greaterThan' | 'lessThan';
export type ConditionRule = Branch & {
  /** `contact` reads contact and custom fields; `variable` reads what the call stored so far. */
  readonly source: 'contact' | 'variable';
  readonly field: string;
  readonly operator: ConditionOperator;
  readonly value?: string;
};
export type ConditionCard = { readonly type: 'Condition'; readonly id: string; readonly rules: readonly ConditionRule[]; readonly otherwise: Branch };

export type SplitShare = Branch & { readonly percent: number };
export type RandomSplitCard = { readonly type: 'RandomSplit'; readonly id: string; readonly shares: readonly SplitShare[] };

export type PauseCard = { readonly type: 'Pause'; readonly id: string; readonly durationMs: number };
export type HandOverCard = { readonly type: 'HandOver'; readonly id: string; readonly scenarioId: string };

export type Card =
  | PlayCard
  | RecognitionCard
  | GoalCard
  | BlacklistCard
  | IntegrationCard
  | MessageCard
  | TransferCard
  | RecordingCard
  | MachineFilterCard
  | SilenceDetectionCard
  | HangupCard
  | ConditionCard
  | RandomSplitCard
  | PauseCard
  | HandOverCard;

export type CardType = Card['type'];

export type ScenarioNode = {
  readonly id: string;
  readonly cards: readonly Card[];
  /** Where the call goes once every card of the node ran without leaving it. */
  readonly next?: string;
};

export type ScenarioVersion = {
  readonly scenarioId: string;
  readonly version: number;
  readonly startNodeId: string;
  readonly nodes: Readonly<Record<string, ScenarioNode>>;
};
