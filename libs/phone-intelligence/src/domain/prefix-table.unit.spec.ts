import { PrefixTable } from './prefix-table';

describe('PrefixTable', () => {
  const table = PrefixTable.of([
    ['7', 'country'],
    ['734', 'Sverdlovsk and neighbours'],
    ['7343', 'Yekaterinburg'],
  ]);

  it('answers the longest prefix it holds', () => {
    expect(table.longest('73431234567')).toEqual({ prefix: '7343', value: 'Yekaterinburg' });
    expect(table.longest('73421234567')).toEqual({ prefix: '734', value: 'Sverdlovsk and neighbours' });
    expect(table.longest('74951234567')).toEqual({ prefix: '7', value: 'country' });
  });

  it('answers nothing when no prefix matches', () => {
    expect(table.longest('44207946')).toBeUndefined();
    expect(table.longest('')).toBeUndefined();
  });

  it('refuses keys that are not digits', () => {
    expect(() => PrefixTable.of([['+7', 'x']])).toThrow(RangeError);
  });
});
