import { validateScenario } from '@zvonar/scenario-runtime';
import { readGraph } from '../domain/graph-document';
import { AcceptAllReferenceCatalogue } from './accept-all.reference-catalogue';

const withReferences = (playSource: object) => ({
  startNodeId: 'answer',
  nodes: [
    {
      id: 'answer',
      cards: [
        { type: 'Play', id: 'prompt', source: playSource },
        { type: 'Message', id: 'sms', materialId: 'sms-material' },
        { type: 'Integration', id: 'crm', integrationId: 'crm-hook', fieldMapping: { phone: '{{phone}}' } },
        { type: 'Hangup', id: 'end' },
      ],
    },
  ],
});

const issuesOf = async (document: object) => {
  const { model } = readGraph(JSON.stringify(document), 'scenario-1', 'en');
  return validateScenario(model, await new AcceptAllReferenceCatalogue().catalogueFor('project-1', model), 'en');
};

describe('AcceptAllReferenceCatalogue', () => {
  it.each([
    ['an audio material', { kind: 'audio', materialId: 'greeting.wav' }],
    ['a TTS material', { kind: 'tts', materialId: 'greeting-tts' }],
  ])('lets %s, an SMS material and an integration pass the reference rules', async (_name, source) => {
    expect(await issuesOf(withReferences(source))).toEqual([]);
  });

  it('still leaves a Play without any material to the validator', async () => {
    expect((await issuesOf(withReferences({ kind: 'audio', materialId: '' }))).map((issue) => issue.code)).toEqual([
      'PLAY_WITHOUT_SOURCE',
    ]);
  });
});
