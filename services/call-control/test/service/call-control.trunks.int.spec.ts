import type { ScenarioVersion } from '@zvonar/scenario-runtime';
import { aDtmfRecognition, aGoal, aHangup, aNode, aPlay, aScenario, byeNode, text } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import { principalMetadata } from '@zvonar/project-access';
import { aPrincipal, ProjectsStandIn } from '@zvonar/project-access/src/testing';
import { callControlV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import type { Channel } from '@zvonar/ari-model';
import { AriCommands, AriHttp, type AriConfig } from '../../src/ari';
import { startSimulatorProcess, type SimulatorProcess } from '../ari-simulator.process';
import { call, CallControlStand } from './call-control.harness';

const { CallOutcome, CallStatus, PlaceCallRejectionReason } = callControlV1;

/** The recorded answer-dtmf callee presses 1 about two seconds after answering. */
const menu: ScenarioVersion = {
  ...aScenario([
    aNode('answer', [aPlay(text('Нажмите 1.')), aDtmfRecognition({ '1': 'goal' }, { retries: 1, timeoutMs: 5_000, bargeIn: true })]),
    aNode('goal', [aGoal('lead'), aPlay(text('Спасибо!')), aHangup()]),
    byeNode(),
  ]),
  scenarioId: 'trunk-menu',
};

/**
 * Two trunks with their own dial templates, dial plan prefixes and caller-ID pools: numbers of
 * +7999 go to the simulator's answer-dtmf callee, numbers of +7998 to its busy one.
 */
const TRUNKS = [
  { id: 'sim-dtmf', dialTemplate: 'Local/answer-dtmf@sim', prefixes: ['+7999'], callerIds: { numbers: ['+74950000001', '+74950000002'], choice: 'round-robin' } },
  { id: 'sim-busy', dialTemplate: 'Local/busy@sim', prefixes: ['+7998'], callerIds: { numbers: ['+74950000009'] } },
];

describeWithPostgres('call-control service with TRUNKS over the ARI simulator', (serverUrl) => {
  let stand: CallControlStand;
  let sim: SimulatorProcess;
  let ari: AriCommands;
  let running: CallControlStand['running'];
  let parties: CallControlStand['parties'];
  let projects: ProjectsStandIn;
  const marketer = aPrincipal('marketer');

  beforeAll(async () => {
    sim = await startSimulatorProcess(1);
    const config: AriConfig = { baseUrl: sim.baseUrl, username: 'asterisk', password: 'asterisk', app: 'zvonar' };
    ari = new AriCommands(new AriHttp(config), config.app);
    stand = await CallControlStand.start(serverUrl, 'call_control_trunks_ari', [menu], (addresses) => ({
      ...addresses,
      CONSUMER_GROUP_PREFIX: 'cc-trunks',
      TELEPHONY: 'ari',
      ARI_URL: sim.baseUrl,
      ARI_USERNAME: config.username,
      ARI_PASSWORD: config.password,
      ARI_APPLICATION: config.app,
      // A trunk without a template of its own would dial this: neither trunk does.
      ARI_DIAL_TEMPLATE: 'Local/congestion@sim',
      TRUNKS: JSON.stringify(TRUNKS),
    }));
    ({ running, parties, projects } = stand);
  }, 60_000);

  afterAll(async () => {
    await stand?.stop();
    await sim?.stop();
  }, 60_000);

  const requestedOf = async (callId: string) => {
    const { timeline } = await call(running.client.getCall({ callId }, principalMetadata(marketer)));
    return timeline.find((event) => event.type === 'CallRequested')?.requested;
  };
  /** The channel on Asterisk while the call lives (its name says which endpoint was dialled). */
  const channelOf = (callId: string): Promise<Channel> =>
    eventually(() => ari.getChannel(`zvc-${callId}`).catch(() => undefined), { timeoutMs: 10_000, intervalMs: 50, what: `channel of ${callId} on Asterisk` });

  it("dials each number through the trunk its prefix picks, with that trunk's template and caller IDs in turn, and refuses an unknown trunk without ringing", async () => {
    await eventually(async () => (await fetch(`${running.service.httpUrl}/readyz`)).status === 200, { timeoutMs: 15_000, what: 'ready once ARI is connected' });
    const projectId = await projects.create({ owner: marketer });
    const placeCall = (attemptId: string, phone: string, overrides: Partial<callControlV1.PlaceCall> = {}) =>
      parties.publisher.send({ attemptId, projectId, campaignId: `campaign-${attemptId}`, contactId: `contact-${attemptId}`, phone, scenarioId: menu.scenarioId, scenarioVersion: 1, answerWaitSeconds: 10, ...overrides });

    const first = await placeCall('trunks-ari-1', '+79990000001');
    const firstChannel = await channelOf(first.attemptId);
    const second = await placeCall('trunks-ari-2', '+79990000002');
    const secondChannel = await channelOf(second.attemptId);
    const busy = await placeCall('trunks-ari-3', '+79980000003');
    const unknown = await placeCall('trunks-ari-4', '+79990000004', { trunkId: 'nowhere' });

    expect(firstChannel.name).toMatch(/^Local\/answer-dtmf@sim-/);
    expect(secondChannel.name).toMatch(/^Local\/answer-dtmf@sim-/);
    expect([firstChannel.connected.number, secondChannel.connected.number]).toEqual(['+74950000001', '+74950000002']);
    const { observer } = parties;
    expect(await observer.waitFor<callControlV1.CallEnded>(first.attemptId, 'CallEnded')).toMatchObject({ outcome: CallOutcome.CALL_OUTCOME_GOAL });
    expect(await observer.waitFor<callControlV1.CallEnded>(second.attemptId, 'CallEnded')).toMatchObject({ outcome: CallOutcome.CALL_OUTCOME_GOAL });
    // Only the busy endpoint answers busy: the +7998 number went out through sim-busy's template.
    expect(await observer.waitFor<callControlV1.CallEnded>(busy.attemptId, 'CallEnded')).toMatchObject({ outcome: CallOutcome.CALL_OUTCOME_BUSY });
    expect(await observer.waitFor<callControlV1.PlaceCallRejected>(unknown.attemptId, 'PlaceCallRejected')).toMatchObject({
      reason: PlaceCallRejectionReason.PLACE_CALL_REJECTION_REASON_TRUNK_UNAVAILABLE,
      detail: 'trunk nowhere is not configured',
    });

    expect(await requestedOf(first.attemptId)).toMatchObject({ trunkId: 'sim-dtmf', callerId: '+74950000001', phone: '+79990000001' });
    expect(await requestedOf(second.attemptId)).toMatchObject({ trunkId: 'sim-dtmf', callerId: '+74950000002' });
    expect(await requestedOf(busy.attemptId)).toMatchObject({ trunkId: 'sim-busy', callerId: '+74950000009' });
    const refused = await call(running.client.getCall({ callId: unknown.attemptId }, principalMetadata(marketer)));
    expect(refused.call).toMatchObject({ status: CallStatus.CALL_STATUS_REJECTED });
    expect(refused.timeline.map((event) => event.type)).toEqual(['PlaceCallRejected']);
    await eventually(async () => (await ari.listChannels()).length === 0, { timeoutMs: 10_000, what: 'no channel left on Asterisk' });
  }, 60_000);
});
