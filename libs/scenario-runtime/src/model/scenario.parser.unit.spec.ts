import { describe, expect, it } from '@jest/globals';
import { parseScenario } from './scenario.parser';

const document = () => ({
  scenarioId: 's-1',
  version: 3,
  startNodeId: 'answer',
  nodes: [
    {
      id: 'answer',
      cards: [
        { type: 'Play', id: 'c1', source: { kind: 'text', text: 'Здравствуйте, {{name}}' } },
        { type: 'Recognition', id: 'c2', mode: 'dtmf', choices: [{ digits: '1', next: 'bye' }], noInput: { next: 'bye' }, noMatch: { next: 'bye' } },
      ],
    },
    { id: 'bye', cards: [{ type: 'Hangup', id: 'c3' }] },
  ],
});

describe('parseScenario', () => {
  it('parses a document into a version with defaults filled in', () => {
    const result = parseScenario(document());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.nodes['answer']?.cards[1]).toEqual({
      type: 'Recognition',
      id: 'c2',
      mode: 'dtmf',
      choices: [{ digits: '1', next: 'bye' }],
      maxDigits: 1,
      retries: 2,
      bargeIn: false,
      noInput: { next: 'bye' },
      noMatch: { next: 'bye' },
    });
  });

  it.each<[string, unknown, { field: string; code: string }]>([
    ['an unknown card type', { ...document(), nodes: [{ id: 'answer', cards: [{ type: 'Dance', id: 'c1' }] }] }, { field: 'nodes[0].cards[0].type', code: 'UNKNOWN_CARD_TYPE' }],
    ['an unknown recognition mode', { ...document(), nodes: [{ id: 'answer', cards: [{ type: 'Recognition', id: 'c1', mode: 'telepathy' }] }] }, { field: 'nodes[0].cards[0].mode', code: 'UNKNOWN_VARIANT' }],
    ['a missing field', { ...document(), nodes: [{ id: 'answer', cards: [{ type: 'Pause', id: 'c1' }] }] }, { field: 'nodes[0].cards[0].durationMs', code: 'INVALID_TYPE' }],
    ['an unknown field', { ...document(), extra: 1 }, { field: '', code: 'UNKNOWN_FIELD' }],
    ['nodes that are not a list', { ...document(), nodes: 'answer' }, { field: 'nodes', code: 'INVALID_TYPE' }],
    ['a start node that does not exist', { ...document(), startNodeId: 'hello' }, { field: 'startNodeId', code: 'START_NODE_MISSING' }],
    ['a duplicate node id', { ...document(), nodes: [...document().nodes, { id: 'bye', cards: [] }] }, { field: 'nodes[2].id', code: 'DUPLICATE_NODE_ID' }],
    [
      'a duplicate card id',
      { ...document(), nodes: [document().nodes[0], { id: 'bye', cards: [{ type: 'Hangup', id: 'c1' }] }] },
      { field: 'nodes[1].cards[0].id', code: 'DUPLICATE_CARD_ID' },
    ],
    ['a bad SIP URI', { ...document(), nodes: [{ id: 'answer', cards: [{ type: 'Transfer', id: 'c1', operators: [{ kind: 'sip', uri: 'http://x' }], noAnswer: { next: 'answer' } }] }] }, { field: 'nodes[0].cards[0].operators[0].uri', code: 'INVALID_FORMAT' }],
  ])('reports %s as a field violation', (_name, input, expected) => {
    const result = parseScenario(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations).toContainEqual(expect.objectContaining(expected));
  });

  it.each([null, 'text', 42, [], { nodes: [] }])('never throws on %j', (input) => expect(parseScenario(input).ok).toBe(false));

  it('keeps a node named __proto__ an ordinary node', () => {
    const result = parseScenario({ ...document(), startNodeId: '__proto__', nodes: [{ id: '__proto__', cards: [{ type: 'Hangup', id: 'c1' }] }] });
    expect(result.ok && Object.keys(result.scenario.nodes)).toEqual(['__proto__']);
  });
});
