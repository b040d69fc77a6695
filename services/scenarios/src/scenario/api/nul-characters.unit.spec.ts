import { ValidationError } from '@zvonar/eventsourcing';
import { refuseNulCharacters } from './nul-characters';

const refusalOf = (run: () => void): ValidationError | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  return undefined;
};

describe('refuseNulCharacters', () => {
  it('lets text and JSON documents without NUL through, and leaves text that is not JSON to the graph reader', () => {
    expect(
      refusalOf(() =>
        refuseNulCharacters(
          { name: { text: 'Опрос \\u0000 как текст' }, graph: { text: '{"nodes": []', json: true } },
          'en',
        ),
      ),
    ).toBeUndefined();
  });

  it('refuses NUL in a name and, escaped, in a string or key of the graph, one violation per field', () => {
    const refusal = refusalOf(() =>
      refuseNulCharacters(
        { name: { text: 'a\u0000b' }, graph: { text: '{"nodes": [{"id": "x\\u0000"}]}', json: true } },
        'ru',
      ),
    );
    const message = 'Текст не может содержать символ NUL (U+0000)';
    expect(refusal?.violations).toEqual([
      { field: 'name', code: 'NUL_CHARACTER', message },
      { field: 'graph', code: 'NUL_CHARACTER', message },
    ]);
    expect(
      refusalOf(() => refuseNulCharacters({ graph: { text: '{"\\u0000": 1}', json: true } }, 'en'))?.violations,
    ).toEqual([{ field: 'graph', code: 'NUL_CHARACTER', message: 'Text may not contain the NUL character (U+0000)' }]);
  });

  it('skips a field the request left out', () => {
    expect(refusalOf(() => refuseNulCharacters({ name: { text: undefined } }, 'en'))).toBeUndefined();
  });
});
