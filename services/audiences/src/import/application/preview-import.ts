import { buildPreview, type ImportPreview } from '../domain/preview';
import type { SourceRecord } from '../domain/source-record';
import type { RecordSource } from './record-source';

/** The first `rows` non-empty rows of the file; reading stops there (the rest of the file is never read). */
export async function previewImport(source: RecordSource, rows = 20): Promise<ImportPreview> {
  const records: SourceRecord[] = [];
  let shown = 0;
  for await (const batch of source.records()) {
    for (const record of batch) {
      records.push(record);
      if (record.kind !== 'empty') shown += 1;
    }
    if (shown >= rows) break;
  }
  return buildPreview(records, rows);
}
