import type { Command } from '@zvonar/eventsourcing';
import type { RoutingRefusal } from '../../trunks/domain';
import type { BotHangupReason, OperatorRef, OriginateFailureReason, PromptMediaRef, ScenarioRef } from './call.events';

/**
 * Places one attempt. `attemptId` is the idempotency key: the stream id and the channel id are
 * derived from it, so a redelivered PlaceCall finds its stream and changes nothing. `checks` are
 * what the handler looked up before deciding (the pinned version exists, the dial plan found a
 * trunk and a caller ID — `routing` says why not —, a channel is free on the trunk); the decider
 * stays pure. `trunkId` and `callerId` are the chosen ones (the asked ones, or empty, when refused).
 */
export type PlaceCall = Command<
  'PlaceCall',
  {
    attemptId: string;
    projectId: string;
    campaignId: string;
    contact: { id: string; phone: string };
    scenario: ScenarioRef;
    trunkId: string;
    callerId: string;
    /** The call-control process that runs the call; another one may end it only once that process is gone. */
    hostId?: string;
    /** Simulated seconds per wall second of the call's times (see CallRequested); absent means 1. */
    durationScale?: number;
    checks: { scenarioVersionFound: boolean; freeChannel: boolean; routing?: RoutingRefusal };
  }
>;

/** The network took the originate (or said an earlier, timed-out one already did). */
export type RecordOriginated = Command<'RecordOriginated', { at: string }>;

/** The network refused the originate: nothing rang. */
export type RecordOriginateFailure = Command<'RecordOriginateFailure', { reason: OriginateFailureReason; cause: number; sipCode?: number; at: string }>;

/**
 * What the telephony and the scenario runtime observed about a live call, in order. One
 * telephony event and the runtime's reaction to it travel together so they are appended at once.
 * Observations already recorded (ARI repeats some events) and ones that arrive too late for the
 * call's state produce no event.
 */
export type CallObservation =
  | { kind: 'Ringing'; at: string }
  | { kind: 'Answered'; at: string }
  | { kind: 'MachineDetected'; result: 'human' | 'machine' | 'unknown'; at: string }
  | { kind: 'NodeEntered'; nodeId: string; visit: number; at: string }
  | { kind: 'PromptFinished'; playbackId: string; media: PromptMediaRef; result: 'Finished' | 'Failed'; at: string }
  | { kind: 'Dtmf'; digit: string; at: string }
  | { kind: 'Speech'; text: string; confidence: number; at: string }
  | { kind: 'Goal'; tag?: string; at: string }
  | { kind: 'Blacklist'; scope: 'project' | 'account'; at: string }
  | { kind: 'Sms'; materialId: string; at: string }
  | { kind: 'Integration'; integrationId: string; fields: Record<string, string>; at: string }
  | { kind: 'TransferStarted'; transferId: string; operator: OperatorRef; at: string }
  | { kind: 'TransferAnswered'; transferId: string; at: string }
  | { kind: 'TransferFailed'; transferId: string; reason: string; at: string }
  | { kind: 'RecordingStored'; recordingId: string; durationSeconds: number; at: string }
  | { kind: 'BotHangup'; reason: BotHangupReason; at: string }
  | { kind: 'HungUp'; cause: number; sipCode?: number; at: string };

export type ObserveCall = Command<'ObserveCall', { observations: readonly CallObservation[] }>;

/** call-control lost the process that ran this call (restart): end it with a cause. */
export type AbandonCall = Command<'AbandonCall', { at: string }>;

export type CallCommand = PlaceCall | RecordOriginated | RecordOriginateFailure | ObserveCall | AbandonCall;
