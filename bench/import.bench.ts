// Audience import: rows imported per second from a generated 1M-row CSV against the combined baseline
// measured in the same run on the same file (target >= 60%), peak RSS of a 1M-row import (target
// <= 512 MiB) and XLSX import against a raw streaming XLSX read (target >= 50%).
//
// Baseline = raw parsing of the file (split lines and cells, nothing else) combined with raw
// libphonenumber parse + validate + format of the same phone column, as one pipeline would run them:
// 1 / (1/parseRate + 1/phoneRate). The import does all that plus encoding and delimiter detection,
// RFC 4180 quoting, mapping, the five-format normalisation, de-duplication, accounting and the
// error report. Usage: npm run bench -- import [rows] (default 1,000,000).
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ContactNormaliser } from '../services/audiences/src/contact/domain';
import { runImport } from '../services/audiences/src/import/application/run-import';
import { CsvErrorReportWriter } from '../services/audiences/src/import/infrastructure/error-report.csv-writer';
import { InMemoryContactStaging } from '../services/audiences/src/import/infrastructure/in-memory.contact-staging';
import { openImportFile } from '../services/audiences/src/import/infrastructure/import-file';
import { cellText } from '../services/audiences/src/import/infrastructure/xlsx.record-source';
import { AUDIENCE_PROJECT } from '../services/audiences/src/import/testing/audience-project';
import { writeAudienceCsv, writeAudienceXlsx } from '../services/audiences/src/import/testing/generate-audience';
import { interleave, log, median, report, type Check } from './lib/harness';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const WARM_UP_ROWS = Math.min(ROWS, 100_000);
const XLSX_ROWS = Math.min(ROWS, 100_000);
const PAIRS = 3;
const RSS_LIMIT = 512 * 1024 * 1024;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Raw parsing: decoded chunks split into lines and cells; returns the rows read and, if asked, the phone and e-mail columns. */
async function rawParse(file: string, keepPhones: boolean): Promise<{ rows: number; phones: string[]; emails: string[] }> {
  const phones: string[] = [];
  const emails: string[] = [];
  let rows = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const cells = line.split(';');
      if (keepPhones) {
        phones.push(cells[0] ?? '');
        emails.push(cells[1] ?? '');
      }
      rows += 1;
    }
  }
  // The header is not a phone.
  return { rows: rows - 1, phones: phones.slice(1), emails: emails.slice(1) };
}

function phoneRate(phones: readonly string[]): number {
  const start = process.hrtime.bigint();
  let valid = 0;
  for (const phone of phones) {
    const parsed = parsePhoneNumberFromString(phone, 'RU');
    if (parsed?.isValid() && parsed.format('E.164').length > 0) valid += 1;
  }
  if (valid !== phones.length) throw new Error(`baseline found ${valid} of ${phones.length} numbers valid`);
  return phones.length / seconds(start);
}

const combined = (parseRate: number, phonesPerSecond: number) => 1 / (1 / parseRate + 1 / phonesPerSecond);

/** Not a check: the contact normaliser alone on the same cells, to show where the import's time goes. */
function normaliserRate(phones: readonly string[], emails: readonly string[]): number {
  const normaliser = new ContactNormaliser(AUDIENCE_PROJECT.normalisation);
  const start = process.hrtime.bigint();
  phones.forEach((phone, index) => normaliser.normalise({ rowNumber: index + 2, phone, email: emails[index] }));
  return phones.length / seconds(start);
}

async function importRate(file: string, rows: number): Promise<number> {
  const start = process.hrtime.bigint();
  const result = await runImport({
    ...AUDIENCE_PROJECT,
    source: await openImportFile(file, { limitBytes: 2 * 1024 * 1024 * 1024 }),
    staging: new InMemoryContactStaging({ countOnly: true }),
    errorReport: new CsvErrorReportWriter(new Writable({ write: (_chunk, _encoding, done) => done() })),
  });
  const elapsed = seconds(start);
  if (result.status !== 'completed' || result.tally.imported !== rows) throw new Error(`import of ${file} went wrong: ${JSON.stringify(result)}`);
  return result.tally.imported / elapsed;
}

async function rawXlsxRead(file: string): Promise<{ rows: number; phones: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  const phones: string[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values;
      if (Array.isArray(values)) phones.push(cellText(values[1] as ExcelJS.CellValue));
    }
    break;
  }
  return { rows: phones.length - 1, phones: phones.slice(1) };
}

async function peakRssOfImport(file: string): Promise<{ maxRssBytes: number; seconds: number }> {
  const script = path.join(__dirname, '../services/audiences/src/import/testing/measure-import.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', script, file], { env: { ...process.env, SWCRC: 'true' }, maxBuffer: 1024 * 1024 });
  const measured = JSON.parse(stdout) as { maxRssBytes: number; seconds: number; result: { status: string } };
  if (measured.result.status !== 'completed') throw new Error(`child import failed: ${stdout}`);
  return measured;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zvonar-import-bench-'));
  try {
    const csv = path.join(dir, 'audience.csv');
    const warmUpCsv = path.join(dir, 'warm-up.csv');
    const xlsx = path.join(dir, 'audience.xlsx');
    await writeAudienceCsv(csv, ROWS);
    await writeAudienceCsv(warmUpCsv, WARM_UP_ROWS);
    await writeAudienceXlsx(xlsx, XLSX_ROWS);
    log(`generated ${ROWS} CSV rows, ${XLSX_ROWS} XLSX rows`);

    // The warm-up round (-1) runs on the small file: it only has to compile and warm the code paths.
    const parseRates: number[] = [];
    const phoneRates: number[] = [];
    const normaliserRates: number[] = [];
    const csvRun = await interleave(
      PAIRS,
      async (round) => {
        const file = round < 0 ? warmUpCsv : csv;
        const start = process.hrtime.bigint();
        const parsed = await rawParse(file, false);
        const parseRate = parsed.rows / seconds(start);
        // The columns are read again each round (untimed) and dropped after it, so the import's turn
        // does not run with a million baseline strings in its heap for the collector to mark.
        const { phones, emails } = await rawParse(file, true);
        const phonesPerSecond = phoneRate(phones);
        if (round >= 0) {
          parseRates.push(parseRate);
          phoneRates.push(phonesPerSecond);
          normaliserRates.push(normaliserRate(phones, emails));
        }
        return combined(parseRate, phonesPerSecond);
      },
      (round) => (round < 0 ? importRate(warmUpCsv, WARM_UP_ROWS) : importRate(csv, ROWS)),
    );
    const csvImport = median(csvRun.subject);
    const csvBaseline = median(csvRun.baseline);
    log(`CSV: import ${csvImport.toFixed(0)} rows/s; baseline ${csvBaseline.toFixed(0)} rows/s (raw parse ${median(parseRates).toFixed(0)}/s, phones ${median(phoneRates).toFixed(0)}/s); contact normaliser alone ${median(normaliserRates).toFixed(0)} rows/s`);

    const rss = await peakRssOfImport(csv);
    log(`peak RSS of a ${ROWS}-row import in a child process: ${(rss.maxRssBytes / 1024 / 1024).toFixed(1)} MiB (${rss.seconds.toFixed(1)} s)`);

    const xlsxRun = await interleave(
      PAIRS,
      async () => {
        const start = process.hrtime.bigint();
        const read = await rawXlsxRead(xlsx);
        return combined(read.rows / seconds(start), phoneRate(read.phones));
      },
      () => importRate(xlsx, XLSX_ROWS),
    );
    const xlsxImport = median(xlsxRun.subject);
    const xlsxBaseline = median(xlsxRun.baseline);
    log(`XLSX: import ${xlsxImport.toFixed(0)} rows/s; baseline ${xlsxBaseline.toFixed(0)} rows/s`);

    const checks: Check[] = [
      { name: 'CSV rows imported/s vs raw parse + libphonenumber', ratio: csvImport / csvBaseline, target: 0.6, kind: 'min' },
      { name: `peak RSS of a ${ROWS}-row import vs 512 MiB`, ratio: rss.maxRssBytes / RSS_LIMIT, target: 1, kind: 'max' },
      { name: 'XLSX rows imported/s vs raw streaming XLSX read + libphonenumber', ratio: xlsxImport / xlsxBaseline, target: 0.5, kind: 'min' },
    ];
    const pass = report('import', checks, {
      rows: ROWS,
      csvImportRowsPerSecond: Math.round(csvImport),
      csvBaselineRowsPerSecond: Math.round(csvBaseline),
      rawParseRowsPerSecond: Math.round(median(parseRates)),
      phoneBaselinePerSecond: Math.round(median(phoneRates)),
      contactNormaliserRowsPerSecond: Math.round(median(normaliserRates)),
      peakRssMiB: Math.round(rss.maxRssBytes / 1024 / 1024),
      xlsxRows: XLSX_ROWS,
      xlsxImportRowsPerSecond: Math.round(xlsxImport),
      xlsxBaselineRowsPerSecond: Math.round(xlsxBaseline),
    });
    process.exitCode = pass ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
