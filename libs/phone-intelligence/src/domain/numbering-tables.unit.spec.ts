import { decodeNumberingData, NumberingDataFormatError } from './numbering-tables';

const generated = {
  format: 1,
  source: { name: 'phonenumbers', version: '9.9.9' },
  locales: ['en', 'ru'],
  names: ['MTS', 'МТС', 'Ekaterinburg'],
  carrier: { '7912': [0, 1] },
  region: { '7343': [2, -1] },
  timeZones: { '734': ['Asia/Yekaterinburg'] },
};

describe('decodeNumberingData', () => {
  it('turns the generated JSON into prefix tables with localised names', () => {
    const tables = decodeNumberingData(generated);
    expect(tables.source).toEqual({ name: 'phonenumbers', version: '9.9.9' });
    expect(tables.operators.longest('79121234567')?.value).toEqual({ en: 'MTS', ru: 'МТС' });
    expect(tables.regions.longest('73431234567')?.value).toEqual({ en: 'Ekaterinburg', ru: null });
    expect(tables.timeZones.longest('73431234567')?.value).toEqual(['Asia/Yekaterinburg']);
  });

  it('refuses another format version and says to regenerate', () => {
    expect(() => decodeNumberingData({ ...generated, format: 2 })).toThrow(/regenerate/);
  });

  it.each(['names', 'carrier', 'region', 'timeZones', 'locales'])('refuses data without %s', (key) => {
    expect(() => decodeNumberingData({ ...generated, [key]: undefined })).toThrow(NumberingDataFormatError);
  });

  it('refuses malformed rows when they are read', () => {
    const tables = decodeNumberingData({ ...generated, timeZones: { '7': 'Europe/Moscow' }, carrier: { '7912': 'MTS' } });
    expect(() => tables.timeZones.longest('79121234567')).toThrow(NumberingDataFormatError);
    expect(() => tables.operators.longest('79121234567')).toThrow(NumberingDataFormatError);
  });

  it('ignores prefixes that are object keys of JavaScript rather than rows', () => {
    expect(decodeNumberingData(generated).regions.longest('__proto__')).toBeUndefined();
  });

  it('shares one name object between rows naming the same place', () => {
    const tables = decodeNumberingData({ ...generated, region: { '7343': [2, -1], '7344': [2, -1] } });
    expect(tables.regions.longest('73431')?.value).toBe(tables.regions.longest('73441')?.value);
  });
});
