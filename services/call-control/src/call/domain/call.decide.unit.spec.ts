import { DeciderSpecification } from '@zvonar/eventsourcing/src/testing';
import {
  aCallAnswered,
  aCallOriginated,
  aCallRequested,
  aCallRinging,
  anAnsweredCall,
  at,
  command,
  observeCall,
  placeCall,
} from '../../../test/mothers/call.mother';
import type { AbandonCall, RecordOriginated, RecordOriginateFailure } from './call.commands';
import { callDecider } from './call.decide';
import { CallNotPlacedError } from './call.errors';
import type { CallEnded, CallEvent } from './call.events';

const given = DeciderSpecification.for(callDecider);
const callId = 'attempt-1';
const who = { callId, attemptId: callId, projectId: 'project-1', campaignId: 'campaign-1', contactId: 'contact-1' };
const originated = (ms = 50) => command<RecordOriginated>('RecordOriginated', { at: at(ms) });
const ended = (data: Partial<CallEnded['data']>): CallEnded => ({
  type: 'CallEnded',
  data: { ...who, phone: '+79991234567', outcome: 'Completed', cause: 16, endedBy: 'Bot', goalReached: false, blacklisted: false, endedAt: at(0), ringSeconds: 0, talkSeconds: 0, billableSeconds: 0, ...data },
});
const answeredEnding = (endMs: number, data: Partial<CallEnded['data']>) =>
  ended({ answeredAt: at(6_000), endedAt: at(endMs), ringSeconds: 5, talkSeconds: (endMs - 6_000) / 1000, billableSeconds: Math.ceil((endMs - 6_000) / 1000), ...data });

describe('Call', () => {
  describe('when nothing was requested', () => {
    it('requests the call with a channel id derived from the attempt id', () =>
      given([]).when(placeCall()).then([aCallRequested()]));

    it('refuses a number that is not E.164, with a typed reason', () =>
      given([])
        .when(placeCall({ contact: { id: 'contact-1', phone: '89991234567' } }))
        .then([{ type: 'PlaceCallRejected', data: { ...who, reason: 'InvalidNumber', detail: '89991234567 is not an E.164 number', rejectedAt: at(0) } }]));

    it('refuses an unknown scenario version', () =>
      given([])
        .when(placeCall({ checks: { scenarioVersionFound: false, freeChannel: true } }))
        .then([{ type: 'PlaceCallRejected', data: { ...who, reason: 'UnknownScenarioVersion', detail: 'scenario scenario-1 has no published version 1', rejectedAt: at(0) } }]));

    it('refuses when the trunk has no free channel', () =>
      given([])
        .when(placeCall({ checks: { scenarioVersionFound: true, freeChannel: false } }))
        .then([{ type: 'PlaceCallRejected', data: { ...who, reason: 'NoFreeChannel', detail: 'trunk trunk-default has no free channel', rejectedAt: at(0) } }]));

    it('refuses when the dial plan found no trunk, with the routing detail', () =>
      given([])
        .when(placeCall({ trunkId: 'nowhere', checks: { scenarioVersionFound: true, freeChannel: false, routing: { reason: 'TrunkUnavailable', detail: 'trunk nowhere is not configured' } } }))
        .then([{ type: 'PlaceCallRejected', data: { ...who, reason: 'TrunkUnavailable', detail: 'trunk nowhere is not configured', rejectedAt: at(0) } }]));

    it('refuses a caller ID outside the trunk pool before looking at the scenario', () =>
      given([])
        .when(placeCall({ checks: { scenarioVersionFound: false, freeChannel: false, routing: { reason: 'CallerIdNotAllowed', detail: 'caller ID +74951112233 is not in the pool of trunk carrier' } } }))
        .then([{ type: 'PlaceCallRejected', data: { ...who, reason: 'CallerIdNotAllowed', detail: 'caller ID +74951112233 is not in the pool of trunk carrier', rejectedAt: at(0) } }]));

    it('refuses telephony observations for a call that does not exist', () =>
      given([]).when(observeCall({ kind: 'Answered', at: at(1) })).thenThrows(CallNotPlacedError));

    it('refuses an originate report for a call that does not exist', () => given([]).when(originated()).thenThrows(CallNotPlacedError));
  });

  describe('when rejected', () => {
    const rejected: CallEvent = { type: 'PlaceCallRejected', data: { ...who, reason: 'NoFreeChannel', detail: 'x', rejectedAt: at(0) } };
    it('ignores the same PlaceCall redelivered', () => given([rejected]).when(placeCall()).thenNothing());
    it('refuses telephony observations', () => given([rejected]).when(observeCall({ kind: 'Ringing', at: at(1) })).thenThrows(CallNotPlacedError));
  });

  describe('when requested', () => {
    it('ignores a duplicate PlaceCall: the attempt never rings twice', () => given([aCallRequested()]).when(placeCall()).thenNothing());

    it('records the originate', () => given([aCallRequested()]).when(originated()).then([aCallOriginated()]));

    it('takes ringing that overtakes the originate answer (ARI events can beat the HTTP reply)', () =>
      given([aCallRequested()]).when(observeCall({ kind: 'Ringing', at: at(1_000) })).then([aCallRinging()]));

    it('ends a refused originate as failed, with no ring or talk time', () =>
      given([aCallRequested()])
        .when(command<RecordOriginateFailure>('RecordOriginateFailure', { reason: 'NoFreeChannel', cause: 34, at: at(20) }))
        .then([ended({ outcome: 'Failed', cause: 34, endedBy: 'System', failureReason: 'NoFreeChannel', endedAt: at(20), ringSeconds: 0.02 })]));

    it('ends an originate refused for the number as InvalidNumber', () =>
      given([aCallRequested()])
        .when(command<RecordOriginateFailure>('RecordOriginateFailure', { reason: 'InvalidNumber', cause: 1, sipCode: 404, at: at(20) }))
        .then([ended({ outcome: 'InvalidNumber', cause: 1, sipCode: 404, endedBy: 'System', failureReason: 'InvalidNumber', endedAt: at(20), ringSeconds: 0.02 })]));
  });

  describe('when originating', () => {
    const originating = [aCallRequested(), aCallOriginated()];
    it('ignores a second originate report (a retried originate answered "already originated")', () => given(originating).when(originated(70)).thenNothing());
    it('records ringing', () => given(originating).when(observeCall({ kind: 'Ringing', at: at(1_000) })).then([aCallRinging()]));
    it('records an answer without ringing (Local channels report none)', () => given(originating).when(observeCall({ kind: 'Answered', at: at(6_000) })).then([aCallAnswered()]));
    it('ends a busy line: cause 17, ring time from the originate, nothing billable', () =>
      given(originating)
        .when(observeCall({ kind: 'HungUp', cause: 17, sipCode: 486, at: at(550) }))
        .then([ended({ outcome: 'Busy', cause: 17, sipCode: 486, endedBy: 'Network', endedAt: at(550), ringSeconds: 0.5 })]));
    it('ends a rejected call on cause 21', () =>
      given(originating).when(observeCall({ kind: 'HungUp', cause: 21, at: at(1_050) })).then([ended({ outcome: 'Rejected', cause: 21, endedBy: 'Network', endedAt: at(1_050), ringSeconds: 1 })]));
    it('ends a congested route on cause 34', () =>
      given(originating).when(observeCall({ kind: 'HungUp', cause: 34, at: at(150) })).then([ended({ outcome: 'Congestion', cause: 34, endedBy: 'Network', endedAt: at(150), ringSeconds: 0.1 })]));
    it('ends an unknown cause as failed', () =>
      given(originating).when(observeCall({ kind: 'HungUp', cause: 0, at: at(150) })).then([ended({ outcome: 'Failed', cause: 0, endedBy: 'Network', endedAt: at(150), ringSeconds: 0.1 })]));
  });

  describe('when ringing', () => {
    const ringing = [aCallRequested(), aCallOriginated(), aCallRinging()];
    it('ignores the same ringing twice', () => given(ringing).when(observeCall({ kind: 'Ringing', at: at(1_000) })).thenNothing());
    it('ignores scenario facts before the answer', () => given(ringing).when(observeCall({ kind: 'Dtmf', digit: '1', at: at(1_500) })).thenNothing());
    it('records the answer', () => given(ringing).when(observeCall({ kind: 'Answered', at: at(6_000) })).then([aCallAnswered()]));
    it('ends on no answer (cause 19): ring time from ringing, nothing billable', () =>
      given(ringing).when(observeCall({ kind: 'HungUp', cause: 19, at: at(31_000) })).then([ended({ outcome: 'NoAnswer', cause: 19, endedBy: 'Network', endedAt: at(31_000), ringSeconds: 30 })]));
    it('ends as no answer when the bot gave up waiting for the answer', () =>
      given(ringing)
        .when(observeCall({ kind: 'BotHangup', reason: 'NotAnswered', at: at(61_000) }, { kind: 'HungUp', cause: 16, at: at(61_010) }))
        .then([
          { type: 'CallHangupRequested', data: { callId, reason: 'NotAnswered', at: at(61_000) } },
          ended({ outcome: 'NoAnswer', cause: 16, endedBy: 'Bot', endedAt: at(61_010), ringSeconds: 60.01 }),
        ]));
  });

  describe('when answered', () => {
    it('ignores a second answer and a late ringing', () =>
      given(anAnsweredCall()).when(observeCall({ kind: 'Answered', at: at(6_100) }, { kind: 'Ringing', at: at(6_200) })).thenNothing());

    it('records the scenario entering its start node', () =>
      given(anAnsweredCall())
        .when(observeCall({ kind: 'NodeEntered', nodeId: 'answer', visit: 1, at: at(6_000) }))
        .then([{ type: 'ScenarioNodeEntered', data: { callId, nodeId: 'answer', visit: 1, at: at(6_000) } }]));

    it('records the machine detection result once', () =>
      given(anAnsweredCall())
        .when(observeCall({ kind: 'MachineDetected', result: 'machine', at: at(9_000) }, { kind: 'MachineDetected', result: 'machine', at: at(9_000) }))
        .then([{ type: 'MachineDetectionCompleted', data: { callId, result: 'machine', at: at(9_000) } }]));

    it('ends a call dropped by the callee mid-prompt: billable time rounded up', () =>
      given(anAnsweredCall())
        .when(observeCall({ kind: 'HungUp', cause: 16, at: at(7_200) }))
        .then([answeredEnding(7_200, { outcome: 'Dropped', endedBy: 'Callee', billableSeconds: 2 })]));
  });

  describe("when the call's time runs faster than the wall clock (simulated telephony at a time scale)", () => {
    const scaled = (durationScale?: number) => [aCallRequested(durationScale === undefined ? {} : { durationScale }), aCallOriginated(), aCallRinging(), aCallAnswered()];

    it('records the scale in the request, and nothing for real time', () => {
      given([]).when(placeCall({ durationScale: 5 })).then([aCallRequested({ durationScale: 5 })]);
      given([]).when(placeCall({ durationScale: 1 })).then([aCallRequested()]);
    });

    it('reports ring, talk and billable seconds in simulated time, timestamps on the wall clock', () =>
      given(scaled(5))
        .when(observeCall({ kind: 'HungUp', cause: 16, at: at(8_000) }))
        .then([answeredEnding(8_000, { outcome: 'Dropped', endedBy: 'Callee', ringSeconds: 25, talkSeconds: 10, billableSeconds: 10 })]));

    it('rounds the simulated talk time up to the whole second for billing', () =>
      given(scaled(5))
        .when(observeCall({ kind: 'HungUp', cause: 16, at: at(7_250) }))
        .then([answeredEnding(7_250, { outcome: 'Dropped', endedBy: 'Callee', ringSeconds: 25, talkSeconds: 6.25, billableSeconds: 7 })]));

    it('reads a call recorded without a scale as real time', () =>
      given(scaled())
        .when(observeCall({ kind: 'HungUp', cause: 16, at: at(8_000) }))
        .then([answeredEnding(8_000, { outcome: 'Dropped', endedBy: 'Callee', ringSeconds: 5, talkSeconds: 2, billableSeconds: 2 })]));
  });

  describe('when in the scenario', () => {
    const inScenario = [...anAnsweredCall(), { type: 'ScenarioNodeEntered', data: { callId, nodeId: 'answer', visit: 1, at: at(6_000) } } as CallEvent];
    const prompt = { kind: 'PromptFinished', playbackId: 'p2', media: { kind: 'text', text: 'Нажмите 1' }, result: 'Finished', at: at(8_000) } as const;

    it('ignores a node entry it has already recorded', () =>
      given(inScenario).when(observeCall({ kind: 'NodeEntered', nodeId: 'answer', visit: 1, at: at(6_000) })).thenNothing());

    it('records a prompt once, even when the network repeats its end', () =>
      given(inScenario)
        .when(observeCall(prompt, prompt))
        .then([{ type: 'PromptPlayed', data: { callId, playbackId: 'p2', media: { kind: 'text', text: 'Нажмите 1' }, result: 'Finished', at: at(8_000) } }]));

    it('records a key press once when ARI repeats the event, and the same key pressed again later', () =>
      given(inScenario)
        .when(observeCall({ kind: 'Dtmf', digit: '1', at: at(8_500) }, { kind: 'Dtmf', digit: '1', at: at(8_500) }, { kind: 'Dtmf', digit: '1', at: at(8_900) }))
        .then([
          { type: 'DtmfReceived', data: { callId, digit: '1', at: at(8_500) } },
          { type: 'DtmfReceived', data: { callId, digit: '1', at: at(8_900) } },
        ]));

    it('records recognised speech once', () =>
      given(inScenario)
        .when(observeCall({ kind: 'Speech', text: 'да', confidence: 0.9, at: at(9_000) }, { kind: 'Speech', text: 'да', confidence: 0.9, at: at(9_000) }))
        .then([{ type: 'SpeechRecognised', data: { callId, text: 'да', confidence: 0.9, at: at(9_000) } }]));

    it('records the effects of the scenario for the other services', () =>
      given(inScenario)
        .when(
          observeCall(
            { kind: 'Goal', tag: 'lead', at: at(9_000) },
            { kind: 'Sms', materialId: 'sms-1', at: at(9_000) },
            { kind: 'Integration', integrationId: 'crm-1', fields: { name: 'Анна' }, at: at(9_000) },
          ),
        )
        .then([
          { type: 'GoalReached', data: { callId, projectId: 'project-1', campaignId: 'campaign-1', contactId: 'contact-1', tag: 'lead', at: at(9_000) } },
          { type: 'SmsRequested', data: { callId, projectId: 'project-1', campaignId: 'campaign-1', contactId: 'contact-1', phone: '+79991234567', materialId: 'sms-1', at: at(9_000) } },
          { type: 'IntegrationRequested', data: { callId, projectId: 'project-1', campaignId: 'campaign-1', contactId: 'contact-1', integrationId: 'crm-1', fields: { name: 'Анна' }, at: at(9_000) } },
        ]));

    it('blacklists the contact once', () =>
      given(inScenario)
        .when(observeCall({ kind: 'Blacklist', scope: 'project', at: at(9_000) }, { kind: 'Blacklist', scope: 'project', at: at(9_000) }))
        .then([{ type: 'ContactBlacklisted', data: { callId, projectId: 'project-1', campaignId: 'campaign-1', contactId: 'contact-1', phone: '+79991234567', scope: 'project', at: at(9_000) } }]));

    it('records a stored recording once', () =>
      given(inScenario)
        .when(observeCall({ kind: 'RecordingStored', recordingId: 'rec-1', durationSeconds: 12, at: at(19_000) }, { kind: 'RecordingStored', recordingId: 'rec-1', durationSeconds: 12, at: at(19_000) }))
        .then([{ type: 'RecordingStored', data: { callId, projectId: 'project-1', campaignId: 'campaign-1', recordingId: 'rec-1', durationSeconds: 12, at: at(19_000) } }]));

    it('ends with the goal as outcome when the bot hangs up after one', () =>
      given([...inScenario, { type: 'GoalReached', data: { callId, projectId: 'project-1', campaignId: 'campaign-1', contactId: 'contact-1', at: at(9_000) } }])
        .when(observeCall({ kind: 'BotHangup', reason: 'ScenarioCompleted', at: at(10_000) }, { kind: 'HungUp', cause: 16, at: at(10_001) }))
        .then([
          { type: 'CallHangupRequested', data: { callId, reason: 'ScenarioCompleted', at: at(10_000) } },
          answeredEnding(10_001, { outcome: 'Goal', goalReached: true, billableSeconds: 5 }),
        ]));

    it('ends as blacklist when the contact asked not to be called', () =>
      given([...inScenario, { type: 'ContactBlacklisted', data: { callId, projectId: 'project-1', campaignId: 'campaign-1', contactId: 'contact-1', phone: '+79991234567', scope: 'project', at: at(9_000) } }])
        .when(observeCall({ kind: 'BotHangup', reason: 'ScenarioCompleted', at: at(10_000) }, { kind: 'HungUp', cause: 16, at: at(10_000) }))
        .then([{ type: 'CallHangupRequested', data: { callId, reason: 'ScenarioCompleted', at: at(10_000) } }, answeredEnding(10_000, { outcome: 'Blacklist', blacklisted: true })]));

    it('ends as machine when the machine filter hung up', () =>
      given([...inScenario, { type: 'MachineDetectionCompleted', data: { callId, result: 'machine', at: at(9_000) } }])
        .when(observeCall({ kind: 'BotHangup', reason: 'AnsweringMachine', at: at(9_000) }, { kind: 'HungUp', cause: 16, at: at(9_100) }))
        .then([{ type: 'CallHangupRequested', data: { callId, reason: 'AnsweringMachine', at: at(9_000) } }, answeredEnding(9_100, { outcome: 'Machine' })]));

    it('ends as completed when the scenario ran to its end', () =>
      given(inScenario)
        .when(observeCall({ kind: 'BotHangup', reason: 'ScenarioCompleted', at: at(12_000) }, { kind: 'HungUp', cause: 16, at: at(12_000) }))
        .then([{ type: 'CallHangupRequested', data: { callId, reason: 'ScenarioCompleted', at: at(12_000) } }, answeredEnding(12_000, { outcome: 'Completed' })]));

    it('ends as failed when call-control hung up after a fault, unless a goal was reached', () =>
      given(inScenario)
        .when(observeCall({ kind: 'BotHangup', reason: 'RuntimeFault', at: at(9_000) }, { kind: 'HungUp', cause: 16, at: at(9_000) }))
        .then([{ type: 'CallHangupRequested', data: { callId, reason: 'RuntimeFault', at: at(9_000) } }, answeredEnding(9_000, { outcome: 'Failed' })]));

    it('starts a transfer', () =>
      given(inScenario)
        .when(observeCall({ kind: 'TransferStarted', transferId: 'x3', operator: { kind: 'sip', uri: 'sip:op@pbx' }, at: at(9_000) }))
        .then([{ type: 'TransferStarted', data: { callId, transferId: 'x3', operator: { kind: 'sip', uri: 'sip:op@pbx' }, at: at(9_000) } }]));

    it('ignores an operator answer for a transfer it never started', () =>
      given(inScenario).when(observeCall({ kind: 'TransferAnswered', transferId: 'x3', at: at(9_000) })).thenNothing());

    it('is ended by call-control after a restart lost its process', () =>
      given(inScenario)
        .when(command<AbandonCall>('AbandonCall', { at: at(20_000) }))
        .then([answeredEnding(20_000, { outcome: 'Interrupted', cause: 41, endedBy: 'System', failureReason: 'ProcessRestarted' })]));
  });

  describe('when transferring', () => {
    const transferring = [
      ...anAnsweredCall(),
      { type: 'TransferStarted', data: { callId, transferId: 'x3', operator: { kind: 'sip', uri: 'sip:op@pbx' }, at: at(9_000) } } as CallEvent,
    ];
    it('connects the operator', () =>
      given(transferring).when(observeCall({ kind: 'TransferAnswered', transferId: 'x3', at: at(14_000) })).then([{ type: 'TransferConnected', data: { callId, transferId: 'x3', at: at(14_000) } }]));
    it('records a failed transfer', () =>
      given(transferring)
        .when(observeCall({ kind: 'TransferFailed', transferId: 'x3', reason: 'NoAnswer', at: at(29_000) }))
        .then([{ type: 'TransferFailed', data: { callId, transferId: 'x3', reason: 'NoAnswer', at: at(29_000) } }]));
    it('ignores the same transfer started again', () =>
      given(transferring).when(observeCall({ kind: 'TransferStarted', transferId: 'x3', operator: { kind: 'sip', uri: 'sip:op@pbx' }, at: at(9_000) })).thenNothing());
  });

  describe('when transferred', () => {
    const transferred = [
      ...anAnsweredCall(),
      { type: 'TransferStarted', data: { callId, transferId: 'x3', operator: { kind: 'sip', uri: 'sip:op@pbx' }, at: at(9_000) } } as CallEvent,
      { type: 'TransferConnected', data: { callId, transferId: 'x3', at: at(14_000) } } as CallEvent,
    ];
    it('ignores a repeated operator answer', () => given(transferred).when(observeCall({ kind: 'TransferAnswered', transferId: 'x3', at: at(14_000) })).thenNothing());
    it('ends as transferred when either party hangs up', () =>
      given(transferred).when(observeCall({ kind: 'HungUp', cause: 16, at: at(74_000) })).then([answeredEnding(74_000, { outcome: 'Transferred', endedBy: 'Callee' })]));
  });

  describe('when ended', () => {
    const over = [...anAnsweredCall(), answeredEnding(7_200, { outcome: 'Dropped', endedBy: 'Callee' })];
    it('ignores a duplicate PlaceCall', () => given(over).when(placeCall()).thenNothing());
    it('ignores a repeated hang-up and anything after it', () =>
      given(over).when(observeCall({ kind: 'HungUp', cause: 16, at: at(7_200) }, { kind: 'Answered', at: at(7_300) }, { kind: 'Dtmf', digit: '1', at: at(7_400) })).thenNothing());
    it('ignores a late originate report', () => given(over).when(originated(7_500)).thenNothing());
    it('is not abandoned again after a restart', () => given(over).when(command<AbandonCall>('AbandonCall', { at: at(9_000) })).thenNothing());
  });
});
