import { describe, expect, it } from '@jest/globals';
import type { Card, ScenarioNode } from '../model/scenario.model';
import {
  aBlacklist,
  aCatalogue,
  aCondition,
  aDtmfRecognition,
  aGoal,
  aHandOver,
  aHangup,
  aMachineFilter,
  aMessage,
  aNode,
  anIntegration,
  aPause,
  aPlay,
  aRandomSplit,
  aRecording,
  aScenario,
  aSilenceDetection,
  aTransfer,
  byeNode,
  text,
} from '../testing/scenario.mother';
import { validateScenario } from './scenario.validator';

const validate = (nodes: ScenarioNode[], catalogue = aCatalogue()) => validateScenario(aScenario(nodes), catalogue);
const codes = (nodes: ScenarioNode[], catalogue = aCatalogue()) => validate(nodes, catalogue).map(({ nodeId, code }) => ({ nodeId, code }));
const inMiddle = (...cards: Card[]) => [aNode('answer', [aPlay()], 'middle'), aNode('middle', cards, 'bye'), byeNode()];

describe('validateScenario', () => {
  it('accepts a scenario using every card type', () => {
    expect(
      validate([
        aNode('answer', [aRecording(), aMachineFilter({ kind: 'playThenHangup', source: { kind: 'audio', materialId: 'audio-1' } }), aPlay({ kind: 'tts', materialId: 'tts-1' }), aDtmfRecognition({ '1': 'lead', '2': 'route' }, { noInput: { next: 'quiet' } })]),
        aNode('lead', [aGoal('hot'), anIntegration(), aMessage(), aBlacklist(), aTransfer(undefined, 'bye')]),
        aNode('route', [aCondition([{ source: 'contact', field: 'city', operator: 'equals', value: 'Казань', next: 'split' }], 'other')]),
        aNode('split', [aRandomSplit([{ percent: 50, next: 'bye' }, { percent: 50, next: 'other' }])]),
        aNode('other', [aPause(), aHandOver()]),
        aNode('quiet', [aSilenceDetection('bye')], 'bye'),
        byeNode(),
      ]),
    ).toEqual([]);
  });

  it('reports a second Play in a node', () => expect(codes(inMiddle(aPlay(), aPlay()))).toEqual([{ nodeId: 'middle', code: 'DUPLICATE_PLAY' }]));
  it('reports a second Transfer in a node', () =>
    expect(codes([aNode('answer', [aTransfer(undefined, 'next'), aTransfer()]), aNode('next', [aHangup()]), byeNode()])).toContainEqual({ nodeId: 'answer', code: 'DUPLICATE_TRANSFER' }));
  it('reports a Play without text', () => expect(codes(inMiddle(aPlay(text('  '))))).toEqual([{ nodeId: 'middle', code: 'PLAY_WITHOUT_SOURCE' }]));
  it('reports a Play without material', () => expect(codes(inMiddle(aPlay({ kind: 'audio', materialId: '' })))).toEqual([{ nodeId: 'middle', code: 'PLAY_WITHOUT_SOURCE' }]));
  it('reports recording outside the start node', () => expect(codes(inMiddle(aRecording()))).toEqual([{ nodeId: 'middle', code: 'RECORDING_OUTSIDE_START' }]));
  it('reports the machine filter outside the start node', () => expect(codes(inMiddle(aMachineFilter()))).toEqual([{ nodeId: 'middle', code: 'MACHINE_FILTER_OUTSIDE_START' }]));
  it('reports a branch into a missing node', () =>
    expect(codes([aNode('answer', [aDtmfRecognition({ '1': 'ghost' })]), byeNode()])).toContainEqual({ nodeId: 'answer', code: 'BRANCH_TARGET_MISSING' }));
  it('reports a next into a missing node', () => expect(codes([aNode('answer', [aPlay()], 'ghost')])).toEqual([{ nodeId: 'answer', code: 'BRANCH_TARGET_MISSING' }]));
  it('reports a node that ends nowhere', () => expect(codes([aNode('answer', [aPlay()], 'middle'), aNode('middle', [aGoal()])])).toEqual([{ nodeId: 'middle', code: 'PATH_NOT_TERMINATED' }]));
  it('reports cards after a card that leaves the node', () => expect(codes([aNode('answer', [aHangup(), aGoal()])])).toEqual([{ nodeId: 'answer', code: 'CARD_AFTER_EXIT' }]));
  it('reports a loop a silent caller would go round for ever', () =>
    expect(codes([aNode('answer', [aPlay()], 'a'), aNode('a', [aPause()], 'b'), aNode('b', [aDtmfRecognition({ '1': 'bye' }, { noInput: { next: 'a' } })]), byeNode()])).toEqual([
      { nodeId: 'b', code: 'LOOP_WITHOUT_INPUT' },
      { nodeId: 'a', code: 'LOOP_WITHOUT_INPUT' },
    ]));
  it('reports a node that loops onto itself', () => expect(codes([aNode('answer', [aGoal()], 'answer')])).toEqual([{ nodeId: 'answer', code: 'LOOP_WITHOUT_INPUT' }]));
  it('accepts a loop that needs the caller to answer', () =>
    expect(codes([aNode('answer', [aPlay(), aDtmfRecognition({ '1': 'again', '2': 'bye' })]), aNode('again', [aGoal()], 'answer'), byeNode()])).toEqual([]));
  it('reports retries past the cap', () => expect(codes([aNode('answer', [aDtmfRecognition({ '1': 'bye' }, { retries: 9 })]), byeNode()])).toEqual([{ nodeId: 'answer', code: 'RETRY_CAP' }]));
  it('reports a key sequence longer than the digits collected', () =>
    expect(codes([aNode('answer', [aDtmfRecognition({ '12': 'bye' }, { maxDigits: 1 })]), byeNode()])).toEqual([{ nodeId: 'answer', code: 'DTMF_CHOICE_TOO_LONG' }]));
  it('reports split shares that do not add up', () =>
    expect(codes([aNode('answer', [aRandomSplit([{ percent: 30, next: 'bye' }, { percent: 30, next: 'bye' }])]), byeNode()])).toEqual([{ nodeId: 'answer', code: 'SPLIT_NOT_100' }]));

  describe('against the catalogue', () => {
    const catalogue = aCatalogue({
      materials: { pending: { kind: 'audio', status: 'pending' }, voice: { kind: 'audio', status: 'approved' }, 'sms-1': { kind: 'sms', status: 'approved' } },
      integrations: { off: { status: 'disabled' } },
      publishedScenarios: ['scenario-2'],
    });
    it.each<[string, Card, string]>([
      ['a missing material', aPlay({ kind: 'audio', materialId: 'nope' }), 'MATERIAL_NOT_FOUND'],
      ['a material in moderation', aPlay({ kind: 'audio', materialId: 'pending' }), 'MATERIAL_NOT_APPROVED'],
      ['an audio material sent as SMS', aMessage('voice'), 'MATERIAL_WRONG_KIND'],
      ['a missing integration', anIntegration({}, 'nope'), 'INTEGRATION_NOT_FOUND'],
      ['a disabled integration', anIntegration({}, 'off'), 'INTEGRATION_NOT_APPROVED'],
      ['a hand-over to an unpublished scenario', aHandOver('draft-only'), 'SCENARIO_NOT_FOUND'],
    ])('reports %s', (_name, card, code) => expect(codes(inMiddle(card), catalogue)).toContainEqual({ nodeId: 'middle', code }));
  });

  it('writes the message in the reader language', () => {
    const [issue] = validateScenario(aScenario(inMiddle(aPlay(), aPlay())), aCatalogue(), 'ru');
    expect(issue).toEqual({ nodeId: 'middle', code: 'DUPLICATE_PLAY', message: 'В узле может быть не больше одной карточки «Воспроизведение»' });
  });
});
