// The parser of the wheel's generated Python modules, run in a child node (the tool is plain ESM).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const parser = path.resolve(__dirname, '../python-prefix-map.mjs');

type Parsed = { ok: true; entries: Array<[string, unknown]> } | { ok: false; message: string };

function parse(kind: 'localised' | 'zones', source: string): Parsed {
  const script = `
    import { parseLocalisedMap, parseTimeZoneMap } from ${JSON.stringify(parser)};
    const input = JSON.parse(process.argv[1]);
    try {
      const map = (input.kind === 'zones' ? parseTimeZoneMap : parseLocalisedMap)(input.source, 'data0.py');
      console.log(JSON.stringify({ ok: true, entries: [...map] }));
    } catch (error) {
      console.log(JSON.stringify({ ok: false, message: error.message }));
    }`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify({ kind, source })], { encoding: 'utf8' })) as Parsed;
}

const dataModule = (...lines: string[]) => ['"""doc"""', 'from ..util import u', '', 'data = {', ...lines, '}', ''].join('\n');

describe('python-prefix-map', () => {
  it('reads localised names with u() wrappers, \\u escapes and escaped quotes', () => {
    expect(
      parse(
        'localised',
        dataModule(
          " '7343':{'en': 'Ekaterinburg', 'ru': u('\\u0421\\u0432\\u0435\\u0440\\u0434\\u043b\\u043e\\u0432\\u0441\\u043a\\u0430\\u044f \\u043e\\u0431\\u043b')},",
          " '6762':{'en': 'Nuku\\'alofa'},",
        ),
      ),
    ).toEqual({ ok: true, entries: [['7343', { en: 'Ekaterinburg', ru: 'Свердловская обл' }], ['6762', { en: "Nuku'alofa" }]] });
  });

  it('reads time-zone tuples, including one-element tuples', () => {
    expect(parse('zones', dataModule(" '7':('Europe/Moscow', 'Asia/Omsk'),", " '7381':('Asia/Omsk',),"))).toEqual({
      ok: true,
      entries: [
        ['7', ['Europe/Moscow', 'Asia/Omsk']],
        ['7381', ['Asia/Omsk']],
      ],
    });
  });

  it.each([
    ['a line of another shape', dataModule(" 7343: 'x',"), /unexpected line/],
    ['a missing data block', 'TIMEZONE_DATA = {}\n', /no "data = \{" block/],
    ['an unclosed data block', "data = {\n '1':{'en': 'x'},", /not closed/],
    ['an escape it does not know', dataModule(" '1':{'en': 'a\\nb'},"), /unsupported escape/],
    ['an odd key/value list', dataModule(" '1':{'en'},"), /odd number/],
  ])('refuses %s rather than guessing', (_what, source, message) => {
    const parsed = parse('localised', source);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
