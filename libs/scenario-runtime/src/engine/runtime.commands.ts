import type { Operator } from '../model/scenario.model';

/** What to play: a stored recording, a TTS material synthesised by its owner, or text already personalised. */
export type Media = { readonly kind: 'audio'; readonly materialId: string } | { readonly kind: 'tts'; readonly materialId: string } | { readonly kind: 'text'; readonly text: string };

/** Why the runtime ended the call (the caller hanging up is an event, not a command). */
export type HangupCause = 'ScenarioCompleted' | 'AnsweringMachine' | 'NotAnswered' | 'ScenarioDeadEnd' | 'LoopLimit' | 'RuntimeFault';

// ---- Telephony commands ----
export type Play = { readonly type: 'Play'; readonly playbackId: string; readonly media: Media };
export type StopPlayback = { readonly type: 'StopPlayback'; readonly playbackId: string };
export type StartRecognition = {
  readonly type: 'StartRecognition';
  readonly mode: 'dtmf' | 'speech';
  /** How long the recogniser waits for the caller (the action wait). */
  readonly timeoutMs: number;
  readonly maxDigits?: number;
  readonly terminator?: string;
  readonly interDigitTimeoutMs?: number;
};
export type StopRecognition = { readonly type: 'StopRecognition' };
export type StartRecording = { readonly type: 'StartRecording' };
export type StartMachineDetection = { readonly type: 'StartMachineDetection'; readonly timeoutMs: number };
export type Transfer = { readonly type: 'Transfer'; readonly transferId: string; readonly operator: Operator; readonly ringTimeoutMs: number };
export type SetTimer = { readonly type: 'SetTimer'; readonly timerId: string; readonly delayMs: number; readonly fireAt: number };
export type HangUp = { readonly type: 'HangUp'; readonly cause: HangupCause };
/** The call continues in another scenario; call-control starts a runtime for it. */
export type HandOver = { readonly type: 'HandOver'; readonly scenarioId: string };

// ---- Effects (domain facts for other services; they do not touch the channel) ----
export type MarkGoal = { readonly type: 'MarkGoal'; readonly tag?: string };
export type AddToBlacklist = { readonly type: 'AddToBlacklist'; readonly scope: 'project' | 'account' };
export type CallIntegration = { readonly type: 'CallIntegration'; readonly integrationId: string; readonly fields: Readonly<Record<string, string>> };
export type SendSms = { readonly type: 'SendSms'; readonly materialId: string };
export type SetVariable = { readonly type: 'SetVariable'; readonly name: string; readonly value: string };

export type TelephonyCommand = Play | StopPlayback | StartRecognition | StopRecognition | StartRecording | StartMachineDetection | Transfer | SetTimer | HangUp | HandOver;
export type Effect = MarkGoal | AddToBlacklist | CallIntegration | SendSms | SetVariable;
export type RuntimeCommand = TelephonyCommand | Effect;

const effectTypes: ReadonlySet<RuntimeCommand['type']> = new Set(['MarkGoal', 'AddToBlacklist', 'CallIntegration', 'SendSms', 'SetVariable']);
export const isEffect = (command: RuntimeCommand): command is Effect => effectTypes.has(command.type);
