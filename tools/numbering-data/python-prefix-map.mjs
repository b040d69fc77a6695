// Parses the generated prefix-map modules of the phonenumbers wheel without running Python.
// Each entry sits on one line inside `data = {` ... `}`:
//   '7343':{'en': 'Ekaterinburg', 'ru': u('\u0421...')},      (carrier and geocoder maps)
//   '7343':('Asia/Yekaterinburg',),                          (time-zone map)
// Values are string literals, optionally wrapped in u(...), with \' and \uXXXX escapes.

const ENTRY = /^ '(\d+)':(.*),$/;

/** Reads the Python string literals of one value, in order. */
function stringLiterals(text, where) {
  const strings = [];
  let at = 0;
  while (at < text.length) {
    const quote = text.indexOf("'", at);
    if (quote < 0) break;
    let value = '';
    let cursor = quote + 1;
    for (;;) {
      const char = text[cursor];
      if (char === undefined) throw new Error(`unterminated string literal in ${where}`);
      if (char === "'") break;
      if (char === '\\') {
        const escaped = text[cursor + 1];
        if (escaped === 'u') {
          value += String.fromCharCode(Number.parseInt(text.slice(cursor + 2, cursor + 6), 16));
          cursor += 6;
        } else if (escaped === "'" || escaped === '\\') {
          value += escaped;
          cursor += 2;
        } else {
          throw new Error(`unsupported escape \\${escaped} in ${where}`);
        }
        continue;
      }
      value += char;
      cursor += 1;
    }
    strings.push(value);
    at = cursor + 1;
  }
  return strings;
}

/** Yields [prefix, valueText] for every entry line of one data module. */
function* entries(source, where) {
  const lines = source.split('\n');
  const start = lines.indexOf('data = {');
  if (start < 0) throw new Error(`${where}: no "data = {" block`);
  for (const line of lines.slice(start + 1)) {
    if (line === '}') return;
    const match = ENTRY.exec(line);
    if (!match) throw new Error(`${where}: unexpected line ${JSON.stringify(line.slice(0, 80))}`);
    yield [match[1], match[2]];
  }
  throw new Error(`${where}: the data block is not closed`);
}

/** A localised map module: prefix -> { locale: name }. */
export function parseLocalisedMap(source, where) {
  const map = new Map();
  for (const [prefix, value] of entries(source, where)) {
    const strings = stringLiterals(value, `${where} '${prefix}'`);
    if (strings.length % 2 !== 0) throw new Error(`${where} '${prefix}': odd number of strings`);
    const names = {};
    for (let index = 0; index < strings.length; index += 2) names[strings[index]] = strings[index + 1];
    map.set(prefix, names);
  }
  return map;
}

/** The time-zone module: prefix -> [IANA zone, ...]. */
export function parseTimeZoneMap(source, where) {
  const map = new Map();
  for (const [prefix, value] of entries(source, where)) map.set(prefix, stringLiterals(value, `${where} '${prefix}'`));
  return map;
}
