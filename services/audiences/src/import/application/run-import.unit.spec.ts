import type { ImportBatch, ImportSink } from './import-ports';
import type { RecordSource } from './record-source';
import { runImport } from './run-import';
import type { SourceRecord } from '../domain/source-record';
import { AUDIENCE_PROJECT } from '../testing/audience-project';
import type { ImportTally } from '../domain/import-tally';

/** A file of `rows` data rows after a header, an empty row every 7th, handed out in chunks of `chunk` records. */
function source(rows: number, chunk: number): RecordSource {
  const records: SourceRecord[] = [{ kind: 'row', rowNumber: 1, fields: ['Телефон', 'E-mail', 'Имя', ''] }];
  for (let index = 0; index < rows; index += 1) {
    const rowNumber = records.length + 1;
    if (index % 7 === 3) records.push({ kind: 'empty', rowNumber });
    else records.push({ kind: 'row', rowNumber, fields: [index % 5 === 4 ? 'нет' : `+7 912 ${String(1_000_000 + (index % 40)).slice(1)}`, '', `Имя ${index}`, ''] });
  }
  return {
    bytesTotal: null,
    bytesRead: () => 0,
    async *records() {
      for (let start = 0; start < records.length; start += chunk) yield records.slice(start, start + chunk);
    },
  };
}

/** What a sink was handed, batch by batch. */
class RecordingSink implements ImportSink {
  readonly batches: ImportBatch[] = [];
  completed: ImportTally | null = null;

  async write(batch: ImportBatch): Promise<void> {
    this.batches.push(batch);
  }

  async complete(tally: ImportTally): Promise<void> {
    this.completed = tally;
  }

  async fail(): Promise<void> {
    throw new Error('not expected to fail');
  }
}

const phonesOf = (batches: readonly ImportBatch[]) => batches.flatMap((batch) => batch.contacts.map(({ contact }) => `${contact.rowNumber}:${contact.phone}`));
const reportedOf = (batches: readonly ImportBatch[]) => batches.flatMap((batch) => batch.reported.map((row) => `${row.rowNumber}:${row.reasons.map((reason) => reason.reason).join(',')}`));

describe('runImport in batches', () => {
  it('closes a batch every N records, whatever the chunks, each with the tally so far, balanced', async () => {
    const sink = new RecordingSink();
    await runImport({ ...AUDIENCE_PROJECT, source: source(100, 13), sink, batchRecords: 25 });

    expect(sink.batches.map((batch) => batch.checkpoint.records)).toEqual([25, 50, 75, 100, 101]);
    expect(sink.batches.map((batch) => batch.checkpoint.batches)).toEqual([1, 2, 3, 4, 5]);
    for (const { checkpoint } of sink.batches) expect(checkpoint.tally.imported + checkpoint.tally.rejected + checkpoint.tally.duplicates).toBe(checkpoint.tally.rowsRead);
    expect(sink.completed).toEqual(sink.batches.at(-1)?.checkpoint.tally);
  });

  it('gives the same contacts and report rows in batches as in one batch', async () => {
    const whole = new RecordingSink();
    const batched = new RecordingSink();
    await runImport({ ...AUDIENCE_PROJECT, source: source(100, 100), sink: whole, batchRecords: 1_000 });
    await runImport({ ...AUDIENCE_PROJECT, source: source(100, 9), sink: batched, batchRecords: 10 });

    expect(whole.batches).toHaveLength(1);
    expect(phonesOf(batched.batches)).toEqual(phonesOf(whole.batches));
    expect(reportedOf(batched.batches)).toEqual(reportedOf(whole.batches));
    expect(batched.completed).toEqual(whole.completed);
  });

  it('resumed from a checkpoint, passes over the records written and hands out exactly the rest, duplicates naming their first row', async () => {
    const whole = new RecordingSink();
    await runImport({ ...AUDIENCE_PROJECT, source: source(100, 9), sink: whole, batchRecords: 20 });
    const stoppedAfter = whole.batches.slice(0, 2);
    const written = stoppedAfter.flatMap((batch) => batch.contacts.map(({ contact }) => [contact.phone ?? '', contact.rowNumber] as const));

    const resumed = new RecordingSink();
    await runImport({ ...AUDIENCE_PROJECT, source: source(100, 9), sink: resumed, batchRecords: 20, resume: { checkpoint: stoppedAfter.at(-1)!.checkpoint, importedKeys: written } });

    expect(resumed.batches).toEqual(whole.batches.slice(2));
    expect(resumed.completed).toEqual(whole.completed);
  });

  it('closes a batch that has been open too long at the end of the chunk, before its record count', async () => {
    const sink = new RecordingSink();
    await runImport({ ...AUDIENCE_PROJECT, source: source(30, 4), sink, batchRecords: 1_000, batchMs: 0 });

    expect(sink.batches.map((batch) => batch.checkpoint.records)).toEqual([4, 8, 12, 16, 20, 24, 28, 31]);
  });
});
