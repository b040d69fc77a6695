import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { NormalisationOptions } from '../../contact/domain';
import { previewImport } from '../application/preview-import';
import { runImport, type ImportRequest, type ImportResult } from '../application/run-import';
import type { ColumnMapping } from '../domain/column-mapping';
import { isBalanced } from '../domain/import-tally';
import type { ImportProgress } from '../domain/import-tally';
import { CsvRecordSource } from './csv.record-source';
import { CsvErrorReportWriter } from './error-report.csv-writer';
import { InMemoryContactStaging } from './in-memory.contact-staging';
import { openImport, openImportFile } from './import-file';
import { AUDIENCE_PROJECT } from '../testing/audience-project';
import { writeAudienceCsv, writeAudienceXlsx } from '../testing/generate-audience';
import { encodeCp1251 } from './testing/cp1251';

const run = promisify(execFile);

const normalisation: NormalisationOptions = { defaultCountry: 'RU', splitMultiplePhones: true, email: { idnToAscii: true, unicodeToAscii: false, removeSubaddress: true }, removeDuplicates: true };
const MiB = 1024 * 1024;
const phoneEmailCity: ColumnMapping = { hasHeader: true, columns: [{ kind: 'phone' }, { kind: 'email' }, { kind: 'custom', fieldKey: 'city' }] };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zvonar-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (name: string, content: string | Uint8Array): Promise<string> => {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
};

class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

type Run = { request?: Partial<ImportRequest>; mapping?: ColumnMapping; limitBytes?: number };

async function importPath(target: string, run: Run = {}) {
  const staging = new InMemoryContactStaging();
  const report = new TextSink();
  const progress: ImportProgress[] = [];
  const result = await runImport({
    source: await openImportFile(target, { limitBytes: run.limitBytes ?? 10 * MiB }),
    mapping: run.mapping ?? phoneEmailCity,
    mappingContext: { customFieldKeys: ['city'], columnCount: 3 },
    normalisation,
    staging,
    errorReport: new CsvErrorReportWriter(report),
    onProgress: (step) => progress.push(step),
    ...run.request,
  });
  const reportLines = report.text.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
  return { result, staging, reportLines, progress };
}

describe('importing messy files', () => {
  it('a UTF-8 file with a BOM, quoted delimiters and line breaks, two numbers in a cell, empty lines and stray spaces', async () => {
    const target = await file(
      'bom.csv',
      '\uFEFFТелефон;E-mail;Город\r\n' +
        '"8 (912) 345-67-89, +7 912 3456790" ; ivan+crm@mail.ru ;"Казань; центр"\r\n' +
        '\r\n' +
        '  +7 912 345 67 89  ;;Уфа\r\n' +
        ';;\r\n' +
        '"89123456791";"";"Нижний\r\nНовгород"\r\n' +
        'не звонить;;Пермь\r\n' +
        '  \r\n' +
        '12;broken@;\r\n',
    );
    const { result, staging, reportLines, progress } = await importPath(target);
    expect(result).toEqual({
      status: 'completed',
      tally: { rowsRead: 5, imported: 2, rejected: 2, duplicates: 1, contacts: 3, emptyRows: 3, headerRows: 1, brokenQuoteRows: 0 },
    });
    expect(staging.committed?.contacts.map(({ contact: { rowNumber, phone, email }, customFields }) => ({ rowNumber, phone, email, customFields }))).toEqual([
      { rowNumber: 2, phone: '+79123456789', email: 'ivan@mail.ru', customFields: { city: 'Казань; центр' } },
      { rowNumber: 2, phone: '+79123456790', email: 'ivan@mail.ru', customFields: { city: 'Казань; центр' } },
      { rowNumber: 6, phone: '+79123456791', email: null, customFields: { city: 'Нижний\r\nНовгород' } },
    ]);
    expect(reportLines).toEqual([
      'row;reasons;values',
      '4;duplicate of row 2 (+79123456789);"  +7 912 345 67 89  ";;Уфа',
      '7;phone: not-a-phone (не звонить);не звонить;;Пермь',
      '9;"phone: too-short (12); email: invalid-domain (broken@)";12;broken@;',
    ]);
    expect(progress.at(-1)).toEqual({ rowsDone: 5, rowsTotal: 5, rowsTotalIsEstimate: false, bytesDone: progress.at(-1)?.bytesTotal, bytesTotal: progress.at(-1)?.bytesDone });
  });

  it('a Windows-1251 export with the default ; and Cyrillic everywhere', async () => {
    const text = 'Телефон;Почта;Город\n8 912 345-67-89;Ёлкин@пример.рф;Череповец\n8-912-345-67-90;;Якутск\n';
    const target = await file('cp1251.csv', encodeCp1251(text));
    const source = await openImport((async function* () { yield encodeCp1251(text); })(), { limitBytes: MiB });
    const preview = await previewImport(source.source, 5);
    expect(source.kind === 'csv' && source.source.format()).toEqual({ encoding: 'windows-1251', delimiter: { delimiter: ';', detected: true } });
    expect(preview.rows[1]).toEqual({ kind: 'row', rowNumber: 2, fields: ['8 912 345-67-89', 'Ёлкин@пример.рф', 'Череповец'] });
    expect(preview.suggestedMapping.columns.slice(0, 2)).toEqual([{ kind: 'phone' }, { kind: 'email' }]);

    const { result, staging } = await importPath(target);
    expect(result).toMatchObject({ status: 'completed', tally: { rowsRead: 2, imported: 2, rejected: 0, duplicates: 0, contacts: 2 } });
    expect(staging.committed?.contacts.map(({ contact, customFields }) => [contact.phone, contact.email, customFields['city']])).toEqual([
      ['+79123456789', 'Ёлкин@xn--e1afmkfd.xn--p1ai', 'Череповец'],
      ['+79123456790', null, 'Якутск'],
    ]);
  });

  it('broken quotes fail the import by default, naming the rows, and keep nothing', async () => {
    const target = await file('broken.csv', 'phone;email;city\n"89123456789;a@b.ru;x\n89123456790;;y\n"89123456791"x;;z\n89123456792;;w\n');
    const failed = await importPath(target);
    expect(failed.result).toEqual({
      status: 'failed',
      failure: { code: 'broken-quotes', rowNumbers: [2, 4], count: 2 },
      tally: { rowsRead: 4, imported: 2, rejected: 2, duplicates: 0, contacts: 2, emptyRows: 0, headerRows: 1, brokenQuoteRows: 2 },
    });
    expect(failed.staging).toMatchObject({ committed: null, discarded: true });
    expect(failed.reportLines.slice(1)).toEqual(['2;unclosed-quote;"""89123456789;a@b.ru;x"', '4;text-after-closing-quote;"""89123456791""x;;z"']);

    const lenient = await importPath(target, { request: { brokenQuotes: 'reject-row' } });
    expect(lenient.result).toMatchObject({ status: 'completed', tally: { rowsRead: 4, imported: 2, rejected: 2 } });
    expect(lenient.staging.committed?.count).toBe(2);
  });

  it('a file over the limit fails before a row is read, whether its size is known or only streamed', async () => {
    const content = 'phone;email;city\n' + '89123456789;;x\n'.repeat(10_000);
    const known = await importPath(await file('big.csv', content), { limitBytes: 64 * 1024 });
    expect(known.result).toMatchObject({ status: 'failed', failure: { code: 'file-too-large', limitBytes: 65_536 }, tally: { rowsRead: 0 } });
    expect(known.staging).toMatchObject({ committed: null, discarded: true });

    const staging = new InMemoryContactStaging();
    const chunks = async function* () {
      for (let start = 0; start < content.length; start += 16 * 1024) yield Buffer.from(content.slice(start, start + 16 * 1024));
    };
    const streamed = await runImport({
      source: new CsvRecordSource(chunks(), { limitBytes: 64 * 1024, sampleChars: 1024 }),
      mapping: phoneEmailCity,
      mappingContext: { customFieldKeys: ['city'], columnCount: 3 },
      normalisation,
      staging,
      errorReport: new CsvErrorReportWriter(new TextSink()),
    });
    // Rows before the limit were read, and thrown away with the rest: the segment gets none of them.
    expect(streamed).toMatchObject({ status: 'failed', failure: { code: 'file-too-large' } });
    expect(streamed.tally.rowsRead).toBeGreaterThan(0);
    expect(staging).toMatchObject({ committed: null, discarded: true });
  });

  it('bytes that are text in no candidate encoding fail the import with their offset', async () => {
    const target = await file('binary.csv', Buffer.concat([Buffer.from('phone;email\n89123456789;'), Buffer.from([0x00, 0x01, 0x02])]));
    const { result, staging } = await importPath(target);
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'unrecognised-encoding', byteOffset: 24 } });
    expect(staging.discarded).toBe(true);
  });

  it.each([
    ['an empty file', ''],
    ['blank lines only', '\r\n;;\r\n  \r\n'],
    ['a header only', 'phone;email;city\r\n'],
  ])('%s fails as empty', async (_, content) => {
    const { result, staging } = await importPath(await file('empty.csv', content));
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'empty-file' } });
    expect(staging.discarded).toBe(true);
  });

  it('a mapping without a phone or e-mail column fails with the field-level error and reads nothing', async () => {
    const target = await file('nomap.csv', 'phone;email;city\n89123456789;;x\n');
    const { result, staging } = await importPath(target, { mapping: { hasHeader: true, columns: [{ kind: 'ignore' }, { kind: 'ignore' }, { kind: 'custom', fieldKey: 'city' }] } });
    expect(result).toEqual({ status: 'failed', failure: { code: 'invalid-mapping', errors: [{ code: 'no-phone-or-email' }] }, tally: expect.objectContaining({ rowsRead: 0 }) });
    expect(staging.discarded).toBe(true);
  });

  it('an XLSX written by exceljs: numbers stored as numbers, rich text, a formula, skipped rows', async () => {
    const target = path.join(dir, 'audience.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: target, useSharedStrings: true });
    const sheet = writer.addWorksheet('Контакты');
    sheet.getRow(1).values = ['Телефон', 'E-mail', 'Город'];
    sheet.getRow(1).commit();
    sheet.getRow(2).values = [79123456789, 'ivan@mail.ru', { richText: [{ text: 'Ка' }, { text: 'зань' }] }];
    sheet.getRow(2).commit();
    sheet.getRow(4).values = ['8 (912) 345-67-90, +7 912 3456791', null, { formula: '"Уф"&"а"', result: 'Уфа' }];
    sheet.getRow(4).commit();
    sheet.getRow(5).values = ['+7 912 345 67 89', '', 'Омск'];
    sheet.getRow(5).commit();
    sheet.getRow(6).values = ['abc'];
    sheet.getRow(6).commit();
    await sheet.commit();
    await writer.commit();
    const { result, staging, reportLines } = await importPath(target);
    expect(result).toEqual({
      status: 'completed',
      tally: { rowsRead: 4, imported: 2, rejected: 1, duplicates: 1, contacts: 3, emptyRows: 1, headerRows: 1, brokenQuoteRows: 0 },
    });
    expect(staging.committed?.contacts.map(({ contact, customFields }) => [contact.rowNumber, contact.phone, customFields['city']])).toEqual([
      [2, '+79123456789', 'Казань'],
      [4, '+79123456790', 'Уфа'],
      [4, '+79123456791', 'Уфа'],
    ]);
    expect(reportLines.slice(1)).toEqual(['5;duplicate of row 2 (+79123456789);+7 912 345 67 89;;Омск', '6;phone: not-a-phone (abc);abc']);
  });

  it('an XLSX upload streamed past the limit fails instead of importing the rows before it', async () => {
    const target = path.join(dir, 'upload.xlsx');
    await writeAudienceXlsx(target, 20_000);
    const staging = new InMemoryContactStaging();
    const opened = await openImport(createReadStream(target, { highWaterMark: 16 * 1024 }), { limitBytes: 256 * 1024 });
    const result = await runImport({ ...AUDIENCE_PROJECT, source: opened.source, staging, errorReport: new CsvErrorReportWriter(new TextSink()) });
    expect(opened.kind).toBe('xlsx');
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'file-too-large', limitBytes: 256 * 1024 } });
    expect(staging).toMatchObject({ committed: null, discarded: true });
  });

  it('a file that claims to be a workbook but is not fails as unreadable', async () => {
    const target = await file('fake.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]));
    const { result, staging } = await importPath(target);
    expect(result).toMatchObject({ status: 'failed', failure: { code: 'unreadable-file' } });
    expect(staging.discarded).toBe(true);
  });

  it('balances exactly on a generated file of every kind of row', async () => {
    const lines = ['phone;email;city'];
    for (let index = 0; index < 5_000; index += 1) {
      const kind = index % 5;
      const number = `8912${String(1_000_000 + (index % 2_000)).padStart(7, '0')}`;
      lines.push(kind === 0 ? `${number};;a` : kind === 1 ? '' : kind === 2 ? `"${number}, +7 999 ${String(index).padStart(7, '0')}";x@y.ru;"b;c"` : kind === 3 ? `junk${index};;d` : `${number};;e`);
    }
    const { result, reportLines } = await importPath(await file('mixed.csv', lines.join('\n')));
    if (result.status !== 'completed') throw new Error(JSON.stringify(result));
    expect(isBalanced(result.tally)).toBe(true);
    expect(result.tally.rowsRead + result.tally.emptyRows + result.tally.headerRows).toBe(lines.length);
    expect(result.tally).toMatchObject({ rowsRead: 4_000, rejected: 1_000, emptyRows: 1_000 });
    expect(reportLines.length - 1).toBe(result.tally.rejected + result.tally.duplicates);
  });
});

describe('a large file', () => {
  it('streams 50,000 rows (about 35 MB, 70 MB as decoded text) under a 64 MiB heap, every row accounted for', async () => {
    const target = path.join(dir, 'large.csv');
    await writeAudienceCsv(target, 50_000, { fillerChars: 600 });
    expect((await stat(target)).size).toBeGreaterThan(30 * MiB);
    const { stdout } = await run(process.execPath, ['--max-old-space-size=64', '-r', '@swc-node/register', path.join(__dirname, '../testing/measure-import.ts'), target], {
      env: { ...process.env, SWCRC: 'true' },
      maxBuffer: MiB,
    });
    const measured = JSON.parse(stdout) as { result: ImportResult };
    expect(measured.result).toEqual({
      status: 'completed',
      tally: { rowsRead: 50_000, imported: 50_000, rejected: 0, duplicates: 0, contacts: 50_000, emptyRows: 0, headerRows: 1, brokenQuoteRows: 0 },
    });
  }, 120_000);
});
