import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvCell } from '../../import/infrastructure/csv-cell';
import type { StoredContact } from '../domain/segment';
import type { PostgresSegmentStore } from './postgres.segment-store';

export type ExportFormat = 'csv' | 'xlsx';

export type ExportedFile = { readonly content: Buffer; readonly contentType: string; readonly extension: string; readonly contacts: number };

const FIXED_COLUMNS = ['phone', 'email', 'telegram', 'whatsapp', 'viber', 'status', 'region', 'operator', 'time_zones', 'line_type'] as const;

const cellsOf = (contact: StoredContact, customKeys: readonly string[]): string[] => [
  contact.phone ?? '',
  contact.email ?? '',
  contact.telegram ?? '',
  contact.whatsapp ?? '',
  contact.viber ?? '',
  contact.status,
  contact.region ?? '',
  contact.operator ?? '',
  contact.timeZones.join(' '),
  contact.lineType ?? '',
  ...customKeys.map((key) => contact.customFields[key] ?? ''),
];

async function customKeysOf(store: PostgresSegmentStore, segmentId: string): Promise<string[]> {
  const { rows } = await store.pool.query<{ key: string }>(
    'SELECT DISTINCT jsonb_object_keys(custom_fields) AS key FROM contacts WHERE segment_id = $1 ORDER BY key',
    [segmentId],
  );
  return rows.map((row) => row.key);
}

/**
 * A segment as a file the user opens in Excel and can import again: a header row, one contact per
 * row in the segment's order, custom fields as columns after the fixed ones. CSV is UTF-8 with a
 * BOM and `;` (what Excel in a Russian locale expects); XLSX is written by exceljs's streaming writer.
 */
export async function exportSegment(store: PostgresSegmentStore, segmentId: string, format: ExportFormat): Promise<ExportedFile> {
  const customKeys = await customKeysOf(store, segmentId);
  const header = [...FIXED_COLUMNS, ...customKeys];
  let contacts = 0;
  if (format === 'csv') {
    const parts: Buffer[] = [Buffer.from(`\uFEFF${header.map(csvCell).join(';')}\r\n`, 'utf8')];
    for await (const batch of store.allContacts(segmentId)) {
      parts.push(Buffer.from(batch.map((contact) => cellsOf(contact, customKeys).map(csvCell).join(';') + '\r\n').join(''), 'utf8'));
      contacts += batch.length;
    }
    return { content: Buffer.concat(parts), contentType: 'text/csv; charset=utf-8', extension: 'csv', contacts };
  }
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = writer.addWorksheet('Contacts');
  sheet.addRow(header).commit();
  for await (const batch of store.allContacts(segmentId)) {
    for (const contact of batch) sheet.addRow(cellsOf(contact, customKeys)).commit();
    contacts += batch.length;
  }
  await sheet.commit();
  await writer.commit();
  await finished;
  return {
    content: Buffer.concat(parts),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    contacts,
  };
}
