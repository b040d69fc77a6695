import { aDtmfQuestion } from '../../../test/mothers/graph.mother';
import { readGraph, toModel } from './graph-document';
import { diffVersions } from './version-diff';

const modelOf = (document: object) => readGraph(JSON.stringify(document), 'scenario-1', 'en').model;

describe('diffVersions', () => {
  it('finds nothing between a version and itself', () => {
    const version = modelOf(aDtmfQuestion());
    expect(diffVersions(version, version)).toEqual({
      nodesAdded: [],
      nodesRemoved: [],
      nodesChanged: [],
      cardsAdded: [],
      cardsRemoved: [],
      cardsChanged: [],
      edgesAdded: [],
      edgesRemoved: [],
    });
  });

  it('reports nodes, cards and edges added, removed and changed', () => {
    const before = aDtmfQuestion();
    const after = aDtmfQuestion('Добрый день!');
    const [answer, goal, optout] = after.nodes as [
      (typeof after.nodes)[0],
      (typeof after.nodes)[0],
      (typeof after.nodes)[0],
    ];
    // "2" now leads to a new node "sorry" instead of "optout", which is gone; goal loses its Play.
    const question = answer.cards[1] as { choices: { digits: string; next: string }[] };
    question.choices[1] = { digits: '2', next: 'sorry' };
    goal.cards = goal.cards.filter((card) => card.id !== 'thanks');
    after.nodes = [answer, goal, { id: 'sorry', cards: optout.cards }, after.nodes[3]!];

    const diff = diffVersions(modelOf(before), modelOf(after));

    expect(diff.nodesAdded).toEqual([{ nodeId: 'sorry', cardId: '', label: '', targetNodeId: '' }]);
    expect(diff.nodesRemoved).toEqual([{ nodeId: 'optout', cardId: '', label: '', targetNodeId: '' }]);
    expect(diff.nodesChanged.map((entry) => entry.nodeId)).toEqual(['goal']);
    expect(diff.cardsRemoved).toEqual([{ nodeId: 'goal', cardId: 'thanks', label: 'Play', targetNodeId: '' }]);
    expect(diff.cardsAdded).toEqual([]);
    // The greeting's text changed; the question's branch changed; the opt-out cards moved node.
    expect(diff.cardsChanged.map((entry) => entry.cardId).sort()).toEqual([
      'block',
      'greeting',
      'optout-end',
      'question',
    ]);
    expect(diff.edgesAdded).toEqual([{ nodeId: 'answer', cardId: 'question', label: 'dtmf 2', targetNodeId: 'sorry' }]);
    expect(diff.edgesRemoved).toEqual([
      { nodeId: 'answer', cardId: 'question', label: 'dtmf 2', targetNodeId: 'optout' },
    ]);
  });
});

describe('readGraph', () => {
  it('reports malformed JSON as a field violation', () => {
    expect(() => readGraph('{"nodes": [', 'scenario-1', 'en')).toThrow(
      expect.objectContaining({ violations: [expect.objectContaining({ field: 'graph', code: 'INVALID_JSON' })] }),
    );
  });

  it('reports an unknown card type at its field, in Russian by default', () => {
    const document = { startNodeId: 'answer', nodes: [{ id: 'answer', cards: [{ type: 'Teleport', id: 'x' }] }] };
    expect(() => toModel(document, 'scenario-1', 0, 'ru')).toThrow(
      expect.objectContaining({
        message: 'Граф сценария составлен неверно',
        violations: [expect.objectContaining({ field: 'graph.nodes[0].cards[0].type', code: 'UNKNOWN_CARD_TYPE' })],
      }),
    );
  });

  it('ignores the ids in the document: the service owns them', () => {
    const { graph, model } = readGraph(
      JSON.stringify({ ...aDtmfQuestion(), scenarioId: 'forged', version: 99 }),
      'scenario-1',
      'en',
    );
    expect(graph).not.toHaveProperty('scenarioId');
    expect(model).toMatchObject({ scenarioId: 'scenario-1', version: 0 });
  });
});
