import type { Decider } from '@zvonar/eventsourcing';
import type { AbandonCall, CallCommand, ObserveCall, PlaceCall, RecordOriginated, RecordOriginateFailure } from './call.commands';
import { callEnded, Q850 } from './call-ending';
import { CallNotPlacedError } from './call.errors';
import type { CallEvent, PlaceCallRejectionReason } from './call.events';
import { channelIdOf } from './call.stream';
import { evolve, initialState, isLive, type Call } from './call';
import { observe } from './call.observe';

/** E.164: a plus, a country code that does not start with 0, 8 to 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/;

const rejectionOf = ({ data }: PlaceCall): { reason: PlaceCallRejectionReason; detail: string } | null => {
  if (!E164.test(data.contact.phone)) return { reason: 'InvalidNumber', detail: `${data.contact.phone} is not an E.164 number` };
  if (data.checks.routing) return data.checks.routing;
  if (!data.checks.scenarioVersionFound) return { reason: 'UnknownScenarioVersion', detail: `scenario ${data.scenario.scenarioId} has no published version ${data.scenario.version}` };
  if (!data.checks.freeChannel) return { reason: 'NoFreeChannel', detail: `trunk ${data.trunkId} has no free channel` };
  return null;
};

/** A duplicate PlaceCall (same attempt id) finds its stream and changes nothing: it never rings twice. */
export const placeCall = (command: PlaceCall, state: Call): CallEvent[] => {
  if (state.status !== 'Initial') return [];
  const { data, metadata } = command;
  const at = metadata.now.toISOString();
  const who = { callId: data.attemptId, attemptId: data.attemptId, projectId: data.projectId, campaignId: data.campaignId, contactId: data.contact.id };
  const rejection = rejectionOf(command);
  if (rejection) return [{ type: 'PlaceCallRejected', data: { ...who, ...rejection, rejectedAt: at } }];
  return [
    {
      type: 'CallRequested',
      data: {
        ...who,
        phone: data.contact.phone,
        scenario: data.scenario,
        trunkId: data.trunkId,
        callerId: data.callerId,
        channelId: channelIdOf(data.attemptId),
        ...(data.hostId === undefined ? {} : { hostId: data.hostId }),
        ...(data.durationScale === undefined || data.durationScale === 1 ? {} : { durationScale: data.durationScale }),
        requestedAt: at,
      },
    },
  ];
};

const liveOrNothing = (state: Call, command: CallCommand) => {
  if (state.status === 'Ended') return null;
  if (!isLive(state)) throw new CallNotPlacedError(command.type, state.status);
  return state;
};

/** Only a call still waiting for its originate records one; a late answer from the network is a repeat. */
export const recordOriginated = (command: RecordOriginated, state: Call): CallEvent[] => {
  const call = liveOrNothing(state, command);
  if (!call || call.status !== 'Requested') return [];
  return [{ type: 'CallOriginated', data: { callId: call.request.callId, channelId: call.request.channelId, originatedAt: command.data.at } }];
};

export const recordOriginateFailure = (command: RecordOriginateFailure, state: Call): CallEvent[] => {
  const call = liveOrNothing(state, command);
  if (!call || call.status !== 'Requested') return [];
  const { reason, ...ending } = command.data;
  return [callEnded(call, { ...ending, failureReason: reason })];
};

/** Folds the observations in order, so a repeat inside one batch is dropped as well. */
export const observeCall = (command: ObserveCall, state: Call): CallEvent[] => {
  if (!liveOrNothing(state, command)) return [];
  const events: CallEvent[] = [];
  let current: Call = state;
  for (const observation of command.data.observations) {
    if (!isLive(current)) break;
    const event = observe(current, observation);
    if (event === null) continue;
    events.push(event);
    current = evolve(current, event);
  }
  return events;
};

/**
 * The process that ran the call is gone: end it as Interrupted, cause 41. The caller hangs the
 * channel up first, so the call really lasted until `at`: talk and billable time run to then.
 */
export const abandonCall = (command: AbandonCall, state: Call): CallEvent[] => {
  const call = liveOrNothing(state, command);
  if (!call) return [];
  return [callEnded(call, { cause: Q850.TemporaryFailure, at: command.data.at, failureReason: 'ProcessRestarted' })];
};

export const decide = (command: CallCommand, state: Call): CallEvent[] => {
  switch (command.type) {
    case 'PlaceCall':
      return placeCall(command, state);
    case 'RecordOriginated':
      return recordOriginated(command, state);
    case 'RecordOriginateFailure':
      return recordOriginateFailure(command, state);
    case 'ObserveCall':
      return observeCall(command, state);
    case 'AbandonCall':
      return abandonCall(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${(unknown as { type: string }).type}`);
    }
  }
};

export const callDecider: Decider<Call, CallCommand, CallEvent> = { decide, evolve, initialState };
