import { CsvRecordParser } from './csv-record-parser';
import { DEFAULT_DELIMITER, DELIMITERS, type Delimiter } from './delimiter';
import type { SourceRecord } from './source-record';

export type DelimiterChoice = { readonly delimiter: Delimiter; readonly detected: boolean };

/** Rows of the sample that decide; more adds time, not certainty. */
const SAMPLE_ROWS = 50;

type Score = { readonly delimiter: Delimiter; readonly columns: number; readonly consistency: number };

function score(sample: string, delimiter: Delimiter, sampleIsWholeFile: boolean): Score {
  const records: SourceRecord[] = [];
  const parser = new CsvRecordParser({ delimiter, maxQuotedLines: 16 }, (record) => records.push(record));
  parser.push(sample);
  // A sample cut mid-file ends with a partial row that proves nothing.
  if (sampleIsWholeFile) parser.end();
  const counted = records.filter((record) => record.kind !== 'empty').slice(0, SAMPLE_ROWS);
  const widths = counted.map((record) => (record.kind === 'row' ? record.fields.length : 0));
  const tally = new Map<number, number>();
  for (const width of widths) tally.set(width, (tally.get(width) ?? 0) + 1);
  let columns = 1;
  let rows = 0;
  for (const [width, count] of tally) if (width > 1 && count > rows) [columns, rows] = [width, count];
  return { delimiter, columns, consistency: counted.length ? rows / counted.length : 0 };
}

/**
 * The delimiter that splits the sample into the same number of columns (two or more) on most rows.
 * Ties go to the earlier of `; , tab |`, so an Excel file with decimal commas reads with `;`. A sample
 * with one column everywhere (a pasted list of numbers) gets the default: `8 912…, +7 912…` in one
 * cell stays one cell. A manual choice always wins.
 */
export function chooseDelimiter(sample: string, options: { readonly override?: Delimiter; readonly sampleIsWholeFile: boolean }): DelimiterChoice {
  if (options.override) return { delimiter: options.override, detected: false };
  let best: Score | undefined;
  for (const delimiter of DELIMITERS) {
    const candidate = score(sample, delimiter, options.sampleIsWholeFile);
    if (candidate.columns > 1 && candidate.consistency >= 0.5 && (!best || candidate.consistency > best.consistency)) best = candidate;
  }
  return best ? { delimiter: best.delimiter, detected: true } : { delimiter: DEFAULT_DELIMITER, detected: false };
}
