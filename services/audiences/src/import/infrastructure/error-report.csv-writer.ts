import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ErrorReportSink } from '../application/import-ports';
import { describeReason, type ErrorReportRow } from '../domain/error-report';
import { csvCell } from './csv-cell';

/** The report's first line (with the BOM Excel needs to read UTF-8). */
export const ERROR_REPORT_HEADER = '\uFEFFrow;reasons;values\r\n';

/** Report rows as CSV lines: the row number, the reasons, then the row's cells as read. */
export function errorReportLines(rows: readonly ErrorReportRow[]): string {
  let text = '';
  for (const row of rows) text += [String(row.rowNumber), row.reasons.map(describeReason).join('; '), ...row.values].map(csvCell).join(';') + '\r\n';
  return text;
}

/**
 * The error report as a CSV Excel opens as is (UTF-8 with a BOM, `;`): the row number, the reasons,
 * then the row's cells as read. Written as the import goes, with back-pressure, so it never sits in memory.
 */
export class CsvErrorReportWriter implements ErrorReportSink {
  private started = false;
  private rows = 0;

  constructor(private readonly out: Writable) {}

  get rowsWritten(): number {
    return this.rows;
  }

  async add(rows: readonly ErrorReportRow[]): Promise<void> {
    const text = (this.started ? '' : ERROR_REPORT_HEADER) + errorReportLines(rows);
    this.started = true;
    this.rows += rows.length;
    if (!this.out.write(text, 'utf8')) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (!this.started) await this.add([]);
    this.out.end();
    await once(this.out, 'finish');
  }
}
