import { csvCell } from './csv-cell';

describe('csvCell', () => {
  it.each([
    ['89123456789', '89123456789'],
    ['+7 (912) 345-67-89', '+7 (912) 345-67-89'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+cmd|x', "'+cmd|x"],
  ])('writes %j as %s', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });
});
