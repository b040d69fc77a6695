import type { CallEnded, CallOutcome, EndedBy, OriginateFailureReason } from './call.events';
import { isAnswered, type LiveCall } from './call';

/** Q.850 causes a network gives for a call that was never answered, and what they mean to a campaign. */
const unansweredOutcomes: Readonly<Record<number, CallOutcome>> = {
  1: 'InvalidNumber', // unallocated number
  3: 'InvalidNumber', // no route to destination
  28: 'InvalidNumber', // invalid number format
  17: 'Busy',
  18: 'NoAnswer', // no user responding
  19: 'NoAnswer', // user alerting, no answer
  21: 'Rejected',
  34: 'Congestion', // no circuit/channel available
  38: 'Congestion', // network out of order
  41: 'Congestion', // temporary failure
  42: 'Congestion', // switching equipment congestion
};

export const Q850 = { NormalClearing: 16, TemporaryFailure: 41 } as const;

const answeredOutcome = (call: LiveCall): CallOutcome => {
  if (call.goalReached) return 'Goal';
  if (call.blacklisted) return 'Blacklist';
  if (call.status === 'Transferred') return 'Transferred';
  if (call.machineResult === 'machine' || call.botHangup === 'AnsweringMachine') return 'Machine';
  if (call.botHangup === 'RuntimeFault') return 'Failed';
  return call.botHangup ? 'Completed' : 'Dropped';
};

const unansweredOutcome = (call: LiveCall, cause: number): CallOutcome => {
  if (call.botHangup === 'NotAnswered') return 'NoAnswer';
  return unansweredOutcomes[cause] ?? 'Failed';
};

const millisBetween = (from: string, to: string): number => Math.max(0, Date.parse(to) - Date.parse(from));
/** Whole milliseconds, so a fractional scale cannot push an exact second over the billing round-up. */
const scaledMillisBetween = (from: string, to: string, scale: number): number => Math.round(millisBetween(from, to) * scale);

/**
 * Durations from the recorded times, in the call's own time: wall durations times the call's
 * recorded `durationScale` (simulated telephony running faster than the wall clock), so a 10 s
 * simulated conversation compressed into 2 wall seconds reports 10 s. Billable seconds: talk time
 * (answer → hang-up) rounded up to the whole second; an unanswered call bills nothing.
 */
export const durationsOf = (call: LiveCall, endedAt: string): Pick<CallEnded['data'], 'ringSeconds' | 'talkSeconds' | 'billableSeconds'> => {
  const scale = call.request.durationScale ?? 1;
  const ringFrom = call.ringingAt ?? call.originatedAt ?? call.request.requestedAt;
  const ringTo = call.answeredAt ?? endedAt;
  const talkMs = call.answeredAt === null ? 0 : scaledMillisBetween(call.answeredAt, endedAt, scale);
  return { ringSeconds: scaledMillisBetween(ringFrom, ringTo, scale) / 1000, talkSeconds: talkMs / 1000, billableSeconds: Math.ceil(talkMs / 1000) };
};

type Ending = { cause: number; sipCode?: number; at: string; failureReason?: OriginateFailureReason | 'ProcessRestarted' };

/** The CallEnded a live call gets when the network (or call-control itself) ends it. */
export const callEnded = (call: LiveCall, ending: Ending): CallEnded => {
  const answered = isAnswered(call);
  const outcome: CallOutcome =
    ending.failureReason === 'ProcessRestarted'
      ? 'Interrupted'
      : ending.failureReason === 'InvalidNumber'
        ? 'InvalidNumber'
        : ending.failureReason
          ? 'Failed'
          : answered ? answeredOutcome(call) : unansweredOutcome(call, ending.cause);
  const endedBy: EndedBy = ending.failureReason ? 'System' : call.botHangup ? 'Bot' : answered ? 'Callee' : 'Network';
  const { callId, attemptId, projectId, campaignId, contactId, phone } = call.request;
  return {
    type: 'CallEnded',
    data: {
      callId,
      attemptId,
      projectId,
      campaignId,
      contactId,
      phone,
      outcome,
      cause: ending.cause,
      ...(ending.sipCode === undefined ? {} : { sipCode: ending.sipCode }),
      endedBy,
      ...(ending.failureReason ? { failureReason: ending.failureReason } : {}),
      goalReached: call.goalReached,
      blacklisted: call.blacklisted,
      ...(call.answeredAt === null ? {} : { answeredAt: call.answeredAt }),
      endedAt: ending.at,
      ...durationsOf(call, ending.at),
    },
  };
};
