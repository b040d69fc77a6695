import type { callControlV1 } from '@zvonar/proto-ts';
import type { PlacingRequest } from '../runtime/call-runtime';

const secondsToMs = (seconds: number): number | undefined => (seconds > 0 ? seconds * 1000 : undefined);

/**
 * The runtime's request from a PlaceCall message. Variables become the runtime contact's fields
 * (`{{name}}` and custom fields); they live only in memory. Zero waits take the service's
 * defaults; an empty trunk / caller ID lets the trunk catalogue choose (dial plan, pool policy).
 */
export function placeCallRequestOf(command: callControlV1.PlaceCall): PlacingRequest {
  const name = command.variables['name'];
  const answerWaitMs = secondsToMs(command.answerWaitSeconds);
  const actionWaitMs = secondsToMs(command.actionWaitSeconds);
  return {
    attemptId: command.attemptId,
    projectId: command.projectId,
    campaignId: command.campaignId,
    contact: { id: command.contactId, phone: command.phone, ...(name === undefined ? {} : { name }), fields: { ...command.variables } },
    scenario: { scenarioId: command.scenarioId, version: command.scenarioVersion },
    ...(command.trunkId === '' ? {} : { trunkId: command.trunkId }),
    ...(command.callerId === '' ? {} : { callerId: command.callerId }),
    ...(command.leaseExpiresAt === undefined ? {} : { leaseExpiresAt: command.leaseExpiresAt }),
    settings: {
      ...(answerWaitMs === undefined ? {} : { answerWaitMs }),
      ...(actionWaitMs === undefined ? {} : { actionWaitMs }),
      detectMachine: command.detectMachine,
      record: command.record,
    },
  };
}

/**
 * A PlaceCall that arrives after its lease (an outage held it): the dialer has re-sent, or will
 * re-send, the same attempt with a fresh lease after checking the contact's calling window again,
 * so this copy must not ring (it could ring outside the window). Judged on the wall clock, as the
 * dialer's lease is.
 */
export const isPastItsLease = (command: callControlV1.PlaceCall, nowMs: number): boolean =>
  command.leaseExpiresAt !== undefined && command.leaseExpiresAt.getTime() < nowMs;
