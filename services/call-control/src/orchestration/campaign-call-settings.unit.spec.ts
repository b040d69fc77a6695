import { aDtmfRecognition, aMachineFilter, aNode, aPlay, aRecording, aScenario, byeNode } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import type { CallProcessOptions } from './call-process';
import { callProcessOptions, withCampaignCards } from './campaign-call-settings';

const menu = () => aScenario([aNode('answer', [aPlay(), aDtmfRecognition({ '1': 'bye' })]), byeNode()]);
const startCards = (scenario: ReturnType<typeof menu>) => scenario.nodes[scenario.startNodeId]?.cards.map((card) => card.type);

describe('withCampaignCards', () => {
  it('leaves the version as published when the campaign neither records nor detects machines', () => {
    const scenario = menu();
    expect(withCampaignCards(scenario, { record: false, detectMachine: false })).toBe(scenario);
  });

  it('starts the call with a recording and a machine filter that hangs up', () => {
    const published = menu();
    const scenario = withCampaignCards(published, { record: true, detectMachine: true });
    expect(startCards(scenario)).toEqual(['Recording', 'MachineFilter', 'Play', 'Recognition']);
    expect(scenario.nodes['answer']?.cards[1]).toMatchObject({ onMachine: { kind: 'hangup' } });
    expect(scenario.nodes['bye']).toBe(published.nodes['bye']);
    expect(startCards(published)).toEqual(['Play', 'Recognition']);
  });

  it("keeps the author's own recording and machine filter, wherever they are", () => {
    const scenario = aScenario([aNode('answer', [aPlay(), aDtmfRecognition({ '1': 'later' })]), aNode('later', [aRecording(), aMachineFilter({ kind: 'branch', next: 'bye' })]), byeNode()]);
    expect(withCampaignCards(scenario, { record: true, detectMachine: true })).toBe(scenario);
  });
});

describe('callProcessOptions', () => {
  const defaults: CallProcessOptions = { ringTimeoutMs: 30_000, talkSilenceThresholdMs: 2_500, runtimeSettings: { maxNodeVisits: 50 } };

  it('keeps the defaults when the campaign sets no waits', () => {
    expect(callProcessOptions(defaults, { record: true })).toBe(defaults);
  });

  it("rings for the answer wait and listens for the action wait, the runtime's answer timer a guard behind the network", () => {
    expect(callProcessOptions(defaults, { answerWaitMs: 27_000, actionWaitMs: 7_000 })).toEqual({
      ringTimeoutMs: 27_000,
      talkSilenceThresholdMs: 2_500,
      runtimeSettings: { maxNodeVisits: 50, answerTimeoutMs: 32_000, actionWaitMs: 7_000 },
    });
  });
});
