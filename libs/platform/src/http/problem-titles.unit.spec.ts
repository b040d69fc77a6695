import { negotiateLanguage, problemTitle } from './problem-titles';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'ru'],
    ['', 'ru'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE, en;q=0.8, ru;q=0.9', 'ru'],
    ['fr, de', 'ru'],
    ['ru;q=0, en;q=0.1', 'en'],
  ])('picks %p -> %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });

  it('has a title in both languages for every kind', () => {
    expect(problemTitle('conflict', 'ru')).not.toBe(problemTitle('conflict', 'en'));
  });
});
