import type { RecordSource } from '../application/record-source';
import { CsvRecordParser } from '../domain/csv-record-parser';
import type { Delimiter } from '../domain/delimiter';
import { chooseDelimiter, type DelimiterChoice } from '../domain/delimiter-detection';
import type { TextEncoding } from '../domain/import-failure';
import type { SourceRecord } from '../domain/source-record';
import { ByteLimit } from './byte-limit';
import { StreamingTextDecoder } from './text-decoding';

export type CsvSourceOptions = {
  readonly limitBytes: number;
  /** The file's size when known (a file on disk): over the limit fails before reading, and progress can estimate. */
  readonly bytesTotal?: number | null;
  /** Manual overrides; detected when absent. */
  readonly encoding?: TextEncoding;
  readonly delimiter?: Delimiter;
  /** Decoded text the delimiter is chosen on. */
  readonly sampleChars?: number;
};

export type CsvFormat = { readonly encoding: TextEncoding; readonly delimiter: DelimiterChoice };

/** CSV or TXT bytes to records: size limit, encoding and delimiter detection, the streaming parser. */
export class CsvRecordSource implements RecordSource {
  readonly bytesTotal: number | null;
  private readonly limit: ByteLimit;
  private readonly decoder: StreamingTextDecoder;
  private delimiter: DelimiterChoice | null = null;

  constructor(
    private readonly bytes: AsyncIterable<Uint8Array | string>,
    private readonly options: CsvSourceOptions,
  ) {
    this.bytesTotal = options.bytesTotal ?? null;
    this.limit = new ByteLimit(options.limitBytes);
    this.decoder = new StreamingTextDecoder(options.encoding);
  }

  bytesRead(): number {
    return this.limit.bytesRead;
  }

  /** Known once the first records came out. */
  format(): CsvFormat | null {
    return this.delimiter && { encoding: this.decoder.encoding, delimiter: this.delimiter };
  }

  async *records(): AsyncGenerator<readonly SourceRecord[]> {
    this.limit.checkDeclaredSize(this.bytesTotal);
    const sampleChars = this.options.sampleChars ?? 64 * 1024;
    let batch: SourceRecord[] = [];
    let parser: CsvRecordParser | null = null;
    let sample = '';
    for await (const chunk of this.limit.pass(this.bytes)) {
      const text = this.decoder.decode(chunk);
      if (parser) parser.push(text);
      else {
        sample += text;
        if (sample.length < sampleChars) continue;
        parser = this.startParser(sample, false, (record) => batch.push(record));
        sample = '';
      }
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
    const tail = this.decoder.end();
    if (parser) parser.push(tail);
    else parser = this.startParser(sample + tail, true, (record) => batch.push(record));
    parser.end();
    if (batch.length > 0) yield batch;
  }

  private startParser(sample: string, sampleIsWholeFile: boolean, emit: (record: SourceRecord) => void): CsvRecordParser {
    this.delimiter = chooseDelimiter(sample, { override: this.options.delimiter, sampleIsWholeFile });
    const parser = new CsvRecordParser({ delimiter: this.delimiter.delimiter }, emit);
    parser.push(sample);
    return parser;
  }
}
