import { ValidationError } from '@zvonar/eventsourcing';
import { decodePageToken, encodePageToken, pageCursors } from './scenarios.grpc.mapper';

describe('page tokens', () => {
  it('gives back the cursor of a token the service issued', () => {
    const scenarioId = '01a2007e-3c9d-7236-b04f-5e07b0bc61f1';
    expect(decodePageToken(encodePageToken(scenarioId), pageCursors.scenarioId, 'en')).toBe(scenarioId);
    expect(decodePageToken(encodePageToken('42'), pageCursors.version, 'en')).toBe('42');
  });

  it('reads an empty token as the first page', () => {
    expect(decodePageToken('', pageCursors.version, 'en')).toBeUndefined();
  });

  it.each([
    ['a token of another cursor', encodePageToken('01a2007e-3c9d-7236-b04f-5e07b0bc61f1'), pageCursors.version],
    ['a version that is not a positive integer', encodePageToken('NaN'), pageCursors.version],
    ['a version out of the integer range', encodePageToken('99999999999'), pageCursors.version],
    ['characters outside base64url (what the fuzzer sent)', '4\u{2d419}\u00a8\u00be2_V', pageCursors.version],
    ['a scenario cursor with a NUL byte', encodePageToken('\u0000'), pageCursors.scenarioId],
  ])('refuses %s as a field error on page.page_token', (_, token, cursor) => {
    const refusal = (() => {
      try {
        decodePageToken(token, cursor, 'ru');
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).violations).toEqual([
      {
        field: 'page.page_token',
        code: 'INVALID_PAGE_TOKEN',
        message: 'Недействительный токен страницы: передайте nextPageToken предыдущей страницы',
      },
    ]);
  });
});
