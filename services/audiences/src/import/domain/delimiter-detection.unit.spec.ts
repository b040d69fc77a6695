import { chooseDelimiter } from './delimiter-detection';

const detect = (sample: string) => chooseDelimiter(sample, { sampleIsWholeFile: true });

describe('chooseDelimiter', () => {
  it.each([
    ['phone;name;city\n89123456789;Иван;Казань\n89123456790;Пётр;Уфа\n', ';'],
    ['phone,name\n89123456789,Ivan\n89123456790,Petr\n', ','],
    ['phone\tname\n89123456789\tIvan\n', '\t'],
    ['phone|name\n89123456789|Ivan\n', '|'],
  ])('finds the delimiter of %j', (sample, delimiter) => {
    expect(detect(sample)).toEqual({ delimiter, detected: true });
  });

  it('prefers ; when decimal commas make , split as evenly', () => {
    expect(detect('phone;score\n89123456789;1,5\n89123456790;2,25\n').delimiter).toBe(';');
  });

  it('is not fooled by delimiters inside quoted cells', () => {
    expect(detect('phone,name\n"8 912 345-67-89; 8 912 345-67-90","Иванов; Иван"\n"89123456791","Пётр"\n').delimiter).toBe(',');
  });

  it('keeps a one-column list of numbers, some cells holding two, in one column', () => {
    expect(detect('8 (912) 345-67-89\n8 (912) 345-67-89, +7 912 3456790\n+79123456791\n89123456792\n')).toEqual({ delimiter: ';', detected: false });
  });

  it('ignores the partial last row of a sample cut mid-file', () => {
    expect(chooseDelimiter('a;b\n1;2\n3;4\n5,6,7,8', { sampleIsWholeFile: false }).delimiter).toBe(';');
  });

  it('lets a manual choice win', () => {
    expect(chooseDelimiter('a;b\n1;2\n', { override: '|', sampleIsWholeFile: true })).toEqual({ delimiter: '|', detected: false });
  });
});
