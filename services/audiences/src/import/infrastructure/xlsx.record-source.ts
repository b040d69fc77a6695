import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RecordSource } from '../application/record-source';
import { ImportFailedError } from '../domain/import-failure';
import { isBlankRow, type SourceRecord } from '../domain/source-record';
import { ByteLimit } from './byte-limit';

export type XlsxSourceOptions = {
  readonly limitBytes: number;
  readonly bytesTotal?: number | null;
  /** Records per batch handed to the import. */
  readonly batchRows?: number;
};

/** A cell as the user reads it in Excel: numbers without exponent, rich text joined, a formula's result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  if ('error' in value) return value.error;
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  return '';
}

/** The items of `items` until `failed` rejects, which ends the loop with its error even while `items` waits forever. */
async function* unlessFailed<T>(items: AsyncIterable<T>, failed: Promise<never>): AsyncGenerator<T> {
  const iterator = items[Symbol.asyncIterator]();
  for (;;) {
    const next = await Promise.race([iterator.next(), failed]);
    if (next.done) return;
    yield next.value;
  }
}

type SheetEvent = { readonly eventType: string; readonly value: unknown };

/** exceljs's worksheet parser yields arrays of `{ eventType, value }`; a `row` event carries a Row. */
const isRowEvent = (event: SheetEvent): event is { eventType: 'row'; value: ExcelJS.Row } => event.eventType === 'row';

async function* sheetEvents(worksheet: ExcelJS.stream.xlsx.WorksheetReader): AsyncGenerator<readonly SheetEvent[]> {
  const parser = worksheet.parse();
  for (let next = await parser.next(); next.done !== true; next = await parser.next()) {
    const events: readonly SheetEvent[] = next.value;
    yield events;
  }
}

/** `row.values` is 1-based and sparse: column A is index 1, blank cells are holes. */
function rowFields(row: ExcelJS.Row): string[] {
  const values = row.values;
  if (!Array.isArray(values)) return [];
  const fields: string[] = [];
  for (let column = 1; column < values.length; column += 1) fields.push(cellText(values[column] as ExcelJS.CellValue));
  return fields;
}

/**
 * The first worksheet of an XLSX, streamed through exceljs's streaming reader (the workbook is never held
 * in memory). Rows the sheet skips are reported as empty, so row numbers are Excel's.
 */
export class XlsxRecordSource implements RecordSource {
  readonly bytesTotal: number | null;
  private readonly limit: ByteLimit;

  constructor(
    private readonly bytes: AsyncIterable<Uint8Array | string>,
    private readonly options: XlsxSourceOptions,
  ) {
    this.bytesTotal = options.bytesTotal ?? null;
    this.limit = new ByteLimit(options.limitBytes);
  }

  bytesRead(): number {
    return this.limit.bytesRead;
  }

  async *records(): AsyncGenerator<readonly SourceRecord[]> {
    this.limit.checkDeclaredSize(this.bytesTotal);
    const batchRows = this.options.batchRows ?? 2000;
    const input = Readable.from(this.limit.pass(this.bytes));
    // exceljs does not pass its input's errors on: it stalls on a stream that failed (over the limit,
    // a broken upload). The input's error ends the reading instead.
    const failed = new Promise<never>((_, reject) => input.once('error', reject));
    failed.catch(() => undefined);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
    let batch: SourceRecord[] = [];
    let nextRow = 1;
    try {
      for await (const worksheet of unlessFailed(reader, failed)) {
        // The sheet's events in the batches exceljs parses them in: one wait per batch, not per row.
        for await (const events of unlessFailed(sheetEvents(worksheet), failed)) {
          for (const event of events) {
            if (!isRowEvent(event)) continue;
            const row = event.value;
            for (; nextRow < row.number; nextRow += 1) batch.push({ kind: 'empty', rowNumber: nextRow });
            const fields = rowFields(row);
            batch.push(isBlankRow(fields) ? { kind: 'empty', rowNumber: row.number } : { kind: 'row', rowNumber: row.number, fields });
            nextRow = row.number + 1;
          }
          if (batch.length >= batchRows) {
            yield batch;
            batch = [];
          }
        }
        // Only the first sheet is the audience; the rest of the archive is not read.
        break;
      }
    } catch (error) {
      throw error instanceof ImportFailedError ? error : new ImportFailedError({ code: 'unreadable-file', detail: `not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)})` });
    } finally {
      input.destroy();
    }
    if (batch.length > 0) yield batch;
  }
}
