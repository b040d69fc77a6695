import { describe, expect, it } from '@jest/globals';
import { aGoal, aHangup, aNode, aScenario, aTransfer, sipOperator } from '../../testing/scenario.mother';
import { answered, given, hungUp, timerFires, transferAnswered, transferFailed } from '../../testing/runtime.specification';

const phone = { kind: 'phone' as const, number: '+74950001122', dialPlanId: 'moscow' };
const transferring = aScenario([aNode('answer', [aTransfer([sipOperator('sip:first@pbx'), phone], 'missed', 15_000)]), aNode('missed', [aGoal('missed'), aHangup()])]);

describe('Transfer card', () => {
  describe('when it starts', () => {
    it('rings the first operator with the ring timeout and a timer past it', () =>
      given(transferring)
        .when(answered)
        .thenCommands([
          { type: 'Transfer', transferId: 'x2', operator: { kind: 'sip', uri: 'sip:first@pbx' }, ringTimeoutMs: 15_000 },
          { type: 'SetTimer', delayMs: 20_000 },
        ]));
  });

  describe('when the operator answers', () => {
    it('leaves the call to the operator', () => {
      const outcome = given(transferring).after(answered).when(transferAnswered);
      outcome.thenCommands([]);
      expect(outcome.state.status).toBe('Transferred');
    });
  });

  describe('when the first operator fails', () => {
    it('rings the next one through its dial plan', () => given(transferring).after(answered).when(transferFailed).thenCommands([{ type: 'Transfer', operator: phone }, { type: 'SetTimer' }]));
  });

  describe('when the network never answers', () => {
    it('moves to the next operator at the timer', () => given(transferring).after(answered).when(timerFires).thenIncludes({ type: 'Transfer', operator: phone }));
  });

  describe('when every operator fails', () => {
    it('takes the no-answer branch', () => given(transferring).after(answered, transferFailed).when(transferFailed).thenIncludes({ type: 'MarkGoal', tag: 'missed' }));
  });

  describe('when a failure of an earlier attempt arrives late', () => {
    it('ignores it', () => given(transferring).after(answered, transferFailed).when({ type: 'TransferFailed', transferId: 'x2' }).thenCommands([]));
  });

  describe('when the caller hangs up while it rings', () => {
    it('ends without commands', () => {
      const outcome = given(transferring).after(answered).when(hungUp);
      outcome.thenCommands([]);
      expect(outcome.state).toMatchObject({ status: 'Ended', cause: 'CallerHungUp' });
    });
  });
});
