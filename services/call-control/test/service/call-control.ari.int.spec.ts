import type { ScenarioVersion } from '@zvonar/scenario-runtime';
import { aDtmfRecognition, aGoal, aHangup, aNode, aPlay, aScenario, byeNode, text } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import { principalMetadata } from '@zvonar/project-access';
import { aPrincipal, ProjectsStandIn } from '@zvonar/project-access/src/testing';
import { callControlV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { startSimulatorProcess, type SimulatorProcess } from '../ari-simulator.process';
import { call, CallControlStand } from './call-control.harness';

/**
 * The recorded answer-dtmf callee presses 1 about two seconds after answering; listening during
 * the prompt makes the goal independent of how fast the bot starts it.
 */
const menu: ScenarioVersion = {
  ...aScenario([
    aNode('answer', [aPlay(text('Нажмите 1.')), aDtmfRecognition({ '1': 'goal' }, { retries: 1, timeoutMs: 5_000, bargeIn: true })]),
    aNode('goal', [aGoal('lead'), aPlay(text('Спасибо!')), aHangup()]),
    byeNode(),
  ]),
  scenarioId: 'ari-menu',
};

describeWithPostgres('call-control service with TELEPHONY=ari against the ARI simulator', (serverUrl) => {
  let stand: CallControlStand;
  let sim: SimulatorProcess;
  let running: CallControlStand['running'];
  let publisher: CallControlStand['parties']['publisher'];
  let observer: CallControlStand['parties']['observer'];
  let projects: ProjectsStandIn;
  const marketer = aPrincipal('marketer');

  beforeAll(async () => {
    sim = await startSimulatorProcess(1);
    stand = await CallControlStand.start(serverUrl, 'call_control_ari', [menu], (addresses) => ({
      ...addresses,
      TELEPHONY: 'ari',
      ARI_URL: sim.baseUrl,
      ARI_USERNAME: 'asterisk',
      ARI_PASSWORD: 'asterisk',
      ARI_APPLICATION: 'zvonar',
      ARI_DIAL_TEMPLATE: 'Local/answer-dtmf@sim',
    }));
    ({ running, projects } = stand);
    ({ publisher, observer } = stand.parties);
  }, 60_000);

  afterAll(async () => {
    await stand?.stop();
    await sim?.stop();
  }, 60_000);

  const readiness = async (): Promise<number> => (await fetch(`${running.service.httpUrl}/readyz`)).status;

  it('places the call over ARI, runs the scenario to the goal, and is unready once Asterisk is gone', async () => {
    await eventually(async () => (await readiness()) === 200, { timeoutMs: 10_000, what: 'ready once ARI is connected' });
    const projectId = await projects.create({ owner: marketer });
    const command = await publisher.send({
      attemptId: 'campaign-ari:17:1',
      projectId,
      campaignId: 'campaign-ari',
      contactId: 'contact-ari',
      phone: '+79990000001',
      scenarioId: menu.scenarioId,
      scenarioVersion: 1,
      answerWaitSeconds: 10,
    });

    const ended = await observer.waitFor<callControlV1.CallEnded>(command.attemptId, 'CallEnded');
    expect(ended).toMatchObject({ outcome: callControlV1.CallOutcome.CALL_OUTCOME_GOAL, goalReached: true, phone: '+79990000001' });
    expect(ended.billableSeconds).toBe(Math.ceil(ended.talkSeconds));
    const { timeline } = await call(running.client.getCall({ callId: command.attemptId }, principalMetadata(marketer)));
    expect(timeline.find((event) => event.type === 'DtmfReceived')?.dtmf).toEqual({ digit: '1' });

    await sim.stop();
    await eventually(async () => (await readiness()) === 503, { timeoutMs: 10_000, what: 'unready without ARI' });
  }, 60_000);
});
