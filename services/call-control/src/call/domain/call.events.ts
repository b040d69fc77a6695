import type { Event } from '@zvonar/eventsourcing';

// Every fact of one call, in the order they can happen. Times are ISO-8601 strings: the events are
// stored as JSON, and a Date would come back from the store as a string anyway.

/**
 * Why an attempt was refused before anything rang. TrunkUnavailable: the trunk it named is not
 * configured or is disabled, or no enabled trunk serves the number; CallerIdNotAllowed: the caller
 * ID it named is not in the trunk's pool.
 */
export type PlaceCallRejectionReason = 'UnknownScenarioVersion' | 'InvalidNumber' | 'NoFreeChannel' | 'TrunkUnavailable' | 'CallerIdNotAllowed';

/** Why an originate that was requested never became a call. */
export type OriginateFailureReason = 'NoFreeChannel' | 'InvalidNumber' | 'TrunkUnavailable' | 'OriginateFailed';

/**
 * What the call came to, for campaigns (redial rules), billing and reports. Answered calls:
 * Goal > Blacklist > Transferred > Machine > Completed (the bot finished) / Dropped (the callee
 * hung up before the bot did). Unanswered: NoAnswer, Busy, Rejected, Congestion, InvalidNumber,
 * Failed. Interrupted: call-control lost the call (process restart) and ended it.
 */
export type CallOutcome =
  | 'Goal'
  | 'Blacklist'
  | 'Transferred'
  | 'Machine'
  | 'Completed'
  | 'Dropped'
  | 'NoAnswer'
  | 'Busy'
  | 'Rejected'
  | 'Congestion'
  | 'InvalidNumber'
  | 'Failed'
  | 'Interrupted';

export type EndedBy = 'Callee' | 'Bot' | 'Network' | 'System';

/** Why the bot hung up (the scenario runtime's causes). */
export type BotHangupReason = 'ScenarioCompleted' | 'AnsweringMachine' | 'NotAnswered' | 'ScenarioDeadEnd' | 'LoopLimit' | 'RuntimeFault' | 'HandOverUnsupported';

export type ScenarioRef = { scenarioId: string; version: number };
export type PromptMediaRef = { kind: 'audio' | 'tts'; materialId: string } | { kind: 'text'; text: string };
export type OperatorRef = { kind: 'sip'; uri: string } | { kind: 'phone'; number: string; dialPlanId?: string };

export type CallRequested = Event<
  'CallRequested',
  {
    callId: string;
    attemptId: string;
    projectId: string;
    campaignId: string;
    contactId: string;
    phone: string;
    scenario: ScenarioRef;
    trunkId: string;
    callerId: string;
    /** Chosen by us before the originate, so a retried originate names the same channel. */
    channelId: string;
    /** The call-control process that runs the call (absent in calls recorded before hosts were named). */
    hostId?: string;
    /**
     * Simulated seconds per wall second of this call's times (simulated telephony faster than real
     * time on the wall clock): CallEnded's durations are the wall durations times this. Absent
     * (calls on real telephony, and calls recorded before the field) means 1.
     */
    durationScale?: number;
    requestedAt: string;
  }
>;

export type PlaceCallRejected = Event<
  'PlaceCallRejected',
  { callId: string; attemptId: string; projectId: string; campaignId: string; contactId: string; reason: PlaceCallRejectionReason; detail: string; rejectedAt: string }
>;

export type CallOriginated = Event<'CallOriginated', { callId: string; channelId: string; originatedAt: string }>;
export type CallRinging = Event<'CallRinging', { callId: string; at: string }>;
export type CallAnswered = Event<'CallAnswered', { callId: string; at: string }>;
export type MachineDetectionCompleted = Event<'MachineDetectionCompleted', { callId: string; result: 'human' | 'machine' | 'unknown'; at: string }>;
export type ScenarioNodeEntered = Event<'ScenarioNodeEntered', { callId: string; nodeId: string; visit: number; at: string }>;
export type PromptPlayed = Event<'PromptPlayed', { callId: string; playbackId: string; media: PromptMediaRef; result: 'Finished' | 'Failed'; at: string }>;
export type DtmfReceived = Event<'DtmfReceived', { callId: string; digit: string; at: string }>;
export type SpeechRecognised = Event<'SpeechRecognised', { callId: string; text: string; confidence: number; at: string }>;
export type GoalReached = Event<'GoalReached', { callId: string; projectId: string; campaignId: string; contactId: string; tag?: string; at: string }>;
export type ContactBlacklisted = Event<'ContactBlacklisted', { callId: string; projectId: string; campaignId: string; contactId: string; phone: string; scope: 'project' | 'account'; at: string }>;
export type SmsRequested = Event<'SmsRequested', { callId: string; projectId: string; campaignId: string; contactId: string; phone: string; materialId: string; at: string }>;
export type IntegrationRequested = Event<'IntegrationRequested', { callId: string; projectId: string; campaignId: string; contactId: string; integrationId: string; fields: Record<string, string>; at: string }>;
export type TransferStarted = Event<'TransferStarted', { callId: string; transferId: string; operator: OperatorRef; at: string }>;
export type TransferConnected = Event<'TransferConnected', { callId: string; transferId: string; at: string }>;
export type TransferFailed = Event<'TransferFailed', { callId: string; transferId: string; reason: string; at: string }>;
export type RecordingStored = Event<'RecordingStored', { callId: string; projectId: string; campaignId: string; recordingId: string; durationSeconds: number; at: string }>;
/** The bot (not the callee or the network) asked for the hang-up; the call ends on the network's word. */
export type CallHangupRequested = Event<'CallHangupRequested', { callId: string; reason: BotHangupReason; at: string }>;

/**
 * The last event of every requested call. Durations: `ringSeconds` runs from ringing (from the
 * originate when the network never reported ringing) to the answer or the end; `talkSeconds` from
 * the answer to the end. Billing rule: `billableSeconds` = talk time rounded UP to the whole
 * second (answered → hangup; 0 when never answered), so 0.2 s bills 1 s and 61.0 s bills 61 s.
 */
export type CallEnded = Event<
  'CallEnded',
  {
    callId: string;
    attemptId: string;
    projectId: string;
    campaignId: string;
    contactId: string;
    /** The dialled number, E.164: campaigns and billing need it without reading the call. */
    phone: string;
    outcome: CallOutcome;
    /** Q.850 cause as the network reported it (16 normal clearing, 17 busy, 19 no answer, ...). */
    cause: number;
    sipCode?: number;
    endedBy: EndedBy;
    failureReason?: OriginateFailureReason | 'ProcessRestarted';
    goalReached: boolean;
    blacklisted: boolean;
    answeredAt?: string;
    endedAt: string;
    ringSeconds: number;
    talkSeconds: number;
    billableSeconds: number;
  }
>;

export type CallEvent =
  | CallRequested
  | PlaceCallRejected
  | CallOriginated
  | CallRinging
  | CallAnswered
  | MachineDetectionCompleted
  | ScenarioNodeEntered
  | PromptPlayed
  | DtmfReceived
  | SpeechRecognised
  | GoalReached
  | ContactBlacklisted
  | SmsRequested
  | IntegrationRequested
  | TransferStarted
  | TransferConnected
  | TransferFailed
  | RecordingStored
  | CallHangupRequested
  | CallEnded;
