import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ErrorReportSink } from '../application/import-ports';
import { describeReason, type ErrorReportRow } from '../domain/error-report';
import { csvCell } from './csv-cell';

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
    let text = this.started ? '' : '\uFEFFrow;reasons;values\r\n';
    this.started = true;
    for (const row of rows) {
      const reasons = row.reasons.map(describeReason).join('; ');
      text += [String(row.rowNumber), reasons, ...row.values].map(csvCell).join(';') + '\r\n';
    }
    this.rows += rows.length;
    if (!this.out.write(text, 'utf8')) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (!this.started) await this.add([]);
    this.out.end();
    await once(this.out, 'finish');
  }
}
