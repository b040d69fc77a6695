import fc from 'fast-check';
import { CsvRecordParser, type CsvParserOptions } from './csv-record-parser';
import { DELIMITERS, type Delimiter } from './delimiter';
import type { SourceRecord } from './source-record';

const parse = (chunks: readonly string[], options: CsvParserOptions = { delimiter: ';' }): SourceRecord[] => {
  const records: SourceRecord[] = [];
  const parser = new CsvRecordParser(options, (record) => records.push(record));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return records;
};

const rows = (records: readonly SourceRecord[]) => records.map((record) => (record.kind === 'row' ? record.fields : record.kind));

describe('CsvRecordParser', () => {
  it('reads quoted cells holding delimiters, escaped quotes and line breaks', () => {
    const text = 'phone;name\r\n"8 (912) 345-67-89; +7 912 3456790";"Иван ""Ваня""\nПетров"\r\n89123456791;Пётр\r\n';
    expect(rows(parse([text]))).toEqual([['phone', 'name'], ['8 (912) 345-67-89; +7 912 3456790', 'Иван "Ваня"\nПетров'], ['89123456791', 'Пётр']]);
  });

  it('numbers rows as Excel shows them: a quoted line break stays in its row, empty lines count', () => {
    const records = parse(['a;b\n"x\ny";1\n\n;;\n  \nlast;2']);
    expect(records).toEqual([
      { kind: 'row', rowNumber: 1, fields: ['a', 'b'] },
      { kind: 'row', rowNumber: 2, fields: ['x\ny', '1'] },
      { kind: 'empty', rowNumber: 3 },
      { kind: 'empty', rowNumber: 4 },
      { kind: 'empty', rowNumber: 5 },
      { kind: 'row', rowNumber: 6, fields: ['last', '2'] },
    ]);
  });

  it('accepts CRLF, LF and lone CR line ends, also split across chunks', () => {
    expect(rows(parse(['a\r', '\nb\rc\n', 'd']))).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('drops a leading BOM and tolerates stray spaces around quoted cells', () => {
    expect(rows(parse(['\uFEFF  "a;1" ; "b" \t;c ']))).toEqual([['a;1', 'b', 'c ']]);
  });

  it('keeps quotes inside an unquoted cell as text', () => {
    expect(rows(parse(['ООО "Ромашка";1']))).toEqual([['ООО "Ромашка"', '1']]);
  });

  it('reports text after a closing quote with the row number and goes on', () => {
    const records = parse(['a;b\n"abc"def;1\nx;y\n']);
    expect(records[1]).toEqual({ kind: 'broken-quotes', rowNumber: 2, raw: '"abc"def;1', reason: 'text-after-closing-quote' });
    expect(records[2]).toEqual({ kind: 'row', rowNumber: 3, fields: ['x', 'y'] });
  });

  it('reports a quote never closed and reads the lines after it as rows again', () => {
    const records = parse(['phone;name\n"89123456789;Ivan\n89123456790;Petr\n89123456791;Olga\n']);
    expect(records).toEqual([
      { kind: 'row', rowNumber: 1, fields: ['phone', 'name'] },
      { kind: 'broken-quotes', rowNumber: 2, raw: '"89123456789;Ivan', reason: 'unclosed-quote' },
      { kind: 'row', rowNumber: 3, fields: ['89123456790', 'Petr'] },
      { kind: 'row', rowNumber: 4, fields: ['89123456791', 'Olga'] },
    ]);
  });

  it('reads an unclosed quote closed by a later row\'s quote as broken at its own row only', () => {
    const records = parse(['"89123456789;a\n89123456790;b\n"89123456791"x;c\n89123456792;d\n']);
    expect(records).toEqual([
      { kind: 'broken-quotes', rowNumber: 1, raw: '"89123456789;a', reason: 'unclosed-quote' },
      { kind: 'row', rowNumber: 2, fields: ['89123456790', 'b'] },
      { kind: 'broken-quotes', rowNumber: 3, raw: '"89123456791"x;c', reason: 'text-after-closing-quote' },
      { kind: 'row', rowNumber: 4, fields: ['89123456792', 'd'] },
    ]);
  });

  it('takes a quoted cell running past the line limit as a broken quote', () => {
    const body = Array.from({ length: 10 }, (_, index) => `7912000000${index};n${index}`).join('\n');
    const records = parse([`"open;x\n${body}\n"`], { delimiter: ';', maxQuotedLines: 3 });
    expect(records[0]).toEqual({ kind: 'broken-quotes', rowNumber: 1, raw: '"open;x', reason: 'unclosed-quote' });
    expect(records.filter((record) => record.kind === 'row')).toHaveLength(10);
    expect(records.at(-1)).toEqual({ kind: 'broken-quotes', rowNumber: 12, raw: '"', reason: 'unclosed-quote' });
  });

  it('gives back any table written with RFC 4180 quoting, whatever the delimiter and chunking', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'я', ' ', '"', ';', ',', '\t', '|', '\n', '\r\n', '7'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.constantFrom<Delimiter>(...DELIMITERS),
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        (delimiter, table, cuts, lineEnd) => {
          // Keep rows that cannot read as blank: their outcome is an `empty` record by design.
          const data = table.map((row) => [...row, 'z']);
          // A cell goes unquoted whenever RFC 4180 allows it, so both paths of the parser are exercised.
          const plain = (value: string) => !value.includes(delimiter) && !/[\r\n]/.test(value) && !/^[ \t]*"/.test(value);
          const write = (value: string) => (plain(value) ? value : `"${value.replace(/"/g, '""')}"`);
          const text = data.map((row) => row.map(write).join(delimiter)).join(lineEnd);
          const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((start, index) => text.slice(start, [...points, text.length][index]));
          expect(rows(parse(chunks, { delimiter }))).toEqual(data);
        },
      ),
    );
  });
});
