/**
 * Editor documents for specs. `aDtmfQuestion` is the typical publishable scenario: a greeting,
 * a keypad question (1 = goal, 2 = blacklist, no input / no match = goodbye).
 */
export const aDtmfQuestion = (
  greeting = 'Здравствуйте, {{name}}! Нажмите 1, если интересно, или 2, чтобы отказаться.',
) => ({
  startNodeId: 'answer',
  nodes: [
    {
      id: 'answer',
      cards: [
        { type: 'Play', id: 'greeting', source: { kind: 'text', text: greeting } },
        {
          type: 'Recognition',
          id: 'question',
          mode: 'dtmf',
          retries: 1,
          choices: [
            { digits: '1', next: 'goal' },
            { digits: '2', next: 'optout' },
          ],
          noInput: { next: 'bye' },
          noMatch: { next: 'bye' },
        },
      ],
    },
    {
      id: 'goal',
      cards: [
        { type: 'Goal', id: 'lead', tag: 'interested' },
        { type: 'Play', id: 'thanks', source: { kind: 'text', text: 'Спасибо! Мы перезвоним.' } },
        { type: 'Hangup', id: 'goal-end' },
      ],
    },
    {
      id: 'optout',
      cards: [
        { type: 'Blacklist', id: 'block', scope: 'project' },
        { type: 'Hangup', id: 'optout-end' },
      ],
    },
    { id: 'bye', cards: [{ type: 'Hangup', id: 'bye-end' }] },
  ],
});

/** Breaks three rules: two Play cards in one node, one of them silent, and a branch to a node that does not exist. */
export const aBrokenGraph = () => ({
  startNodeId: 'answer',
  nodes: [
    {
      id: 'answer',
      cards: [
        { type: 'Play', id: 'first', source: { kind: 'text', text: 'Раз' } },
        { type: 'Play', id: 'second', source: { kind: 'text', text: '' } },
      ],
      next: 'nowhere',
    },
  ],
});

/** Well-formed JSON with a card type nobody knows (a field error, never a crash). */
export const anUnknownCardGraph = () => ({
  startNodeId: 'answer',
  nodes: [{ id: 'answer', cards: [{ type: 'Teleport', id: 'beam' }] }],
});
