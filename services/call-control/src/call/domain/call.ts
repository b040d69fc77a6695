import type { BotHangupReason, CallEvent, CallOutcome, CallRequested, PlaceCallRejectionReason } from './call.events';

/**
 * One status per real telephony state: Requested (no originate sent yet) → Originating (the
 * network took it) → Ringing → Answered (connected, the scenario not started) → InScenario →
 * Transferring (an operator is being rung) → Transferred (bridged to the operator) → Ended.
 * Rejected: the attempt was refused and nothing rang.
 */
export type LiveStatus = 'Requested' | 'Originating' | 'Ringing' | 'Answered' | 'InScenario' | 'Transferring' | 'Transferred';

export type LiveCall = Readonly<{
  status: LiveStatus;
  request: CallRequested['data'];
  originatedAt: string | null;
  ringingAt: string | null;
  answeredAt: string | null;
  machineResult: 'human' | 'machine' | 'unknown' | null;
  lastVisit: number;
  playbacksDone: readonly string[];
  /** `at|digit` of the last key press: ARI delivers some events twice. */
  lastDtmf: string | null;
  lastSpeech: string | null;
  transferId: string | null;
  goalReached: boolean;
  blacklisted: boolean;
  recordingsStored: readonly string[];
  botHangup: BotHangupReason | null;
}>;

export type Call =
  | Readonly<{ status: 'Initial' }>
  | Readonly<{ status: 'Rejected'; callId: string; reason: PlaceCallRejectionReason }>
  | LiveCall
  | Readonly<{ status: 'Ended'; callId: string; outcome: CallOutcome }>;

export const initialState = (): Call => ({ status: 'Initial' });

export const isLive = (call: Call): call is LiveCall => call.status !== 'Initial' && call.status !== 'Rejected' && call.status !== 'Ended';

const answeredStatuses: ReadonlySet<Call['status']> = new Set(['Answered', 'InScenario', 'Transferring', 'Transferred']);
export const isAnswered = (call: Call): call is LiveCall => answeredStatuses.has(call.status);

const live = (call: Call, change: (current: LiveCall) => Partial<LiveCall>): Call => (isLive(call) ? { ...call, ...change(call) } : call);

export const evolve = (state: Call, event: CallEvent): Call => {
  switch (event.type) {
    case 'CallRequested':
      return {
        status: 'Requested',
        request: event.data,
        originatedAt: null,
        ringingAt: null,
        answeredAt: null,
        machineResult: null,
        lastVisit: 0,
        playbacksDone: [],
        lastDtmf: null,
        lastSpeech: null,
        transferId: null,
        goalReached: false,
        blacklisted: false,
        recordingsStored: [],
        botHangup: null,
      };
    case 'PlaceCallRejected':
      return { status: 'Rejected', callId: event.data.callId, reason: event.data.reason };
    case 'CallOriginated':
      return live(state, () => ({ status: 'Originating', originatedAt: event.data.originatedAt }));
    case 'CallRinging':
      return live(state, () => ({ status: 'Ringing', ringingAt: event.data.at }));
    case 'CallAnswered':
      return live(state, () => ({ status: 'Answered', answeredAt: event.data.at }));
    case 'MachineDetectionCompleted':
      return live(state, () => ({ machineResult: event.data.result }));
    case 'ScenarioNodeEntered':
      return live(state, (call) => ({ status: call.status === 'Answered' ? 'InScenario' : call.status, lastVisit: event.data.visit }));
    case 'PromptPlayed':
      return live(state, (call) => ({ playbacksDone: [...call.playbacksDone, event.data.playbackId] }));
    case 'DtmfReceived':
      return live(state, () => ({ lastDtmf: `${event.data.at}|${event.data.digit}` }));
    case 'SpeechRecognised':
      return live(state, () => ({ lastSpeech: `${event.data.at}|${event.data.text}` }));
    case 'GoalReached':
      return live(state, () => ({ goalReached: true }));
    case 'ContactBlacklisted':
      return live(state, () => ({ blacklisted: true }));
    case 'TransferStarted':
      return live(state, () => ({ status: 'Transferring', transferId: event.data.transferId }));
    case 'TransferConnected':
      return live(state, () => ({ status: 'Transferred' }));
    case 'TransferFailed':
      return live(state, () => ({ status: 'InScenario', transferId: null }));
    case 'RecordingStored':
      return live(state, (call) => ({ recordingsStored: [...call.recordingsStored, event.data.recordingId] }));
    case 'CallHangupRequested':
      return live(state, () => ({ botHangup: event.data.reason }));
    case 'CallEnded':
      return { status: 'Ended', callId: event.data.callId, outcome: event.data.outcome };
    default:
      return state;
  }
};
