import type { ColumnMapping, ColumnTarget } from './column-mapping';
import type { SourceRecord } from './source-record';

/** What the cabinet shows before the user maps columns. */
export type ImportPreview = {
  /** The first rows as read (empty rows left out, broken ones shown with their raw text). */
  readonly rows: readonly SourceRecord[];
  readonly columnCount: number;
  /** A first row of labels (no phone or e-mail in it while later rows have some). */
  readonly headerGuessed: boolean;
  /** A starting point for the mapping form: by header name, else by what the cells hold. */
  readonly suggestedMapping: ColumnMapping;
};

const PHONE_LIKE = /^[\s+()\d.,;/-]*\d(?:[\s()./-]*\d){6,}/;
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const HEADER_NAMES: ReadonlyArray<readonly [RegExp, ColumnTarget]> = [
  [/e-?mail|почт|мейл/i, { kind: 'email' }],
  [/telegram|телеграм|^tg$/i, { kind: 'telegram' }],
  [/whats\s*app|ватс\s*ап|вотс\s*ап/i, { kind: 'whatsapp' }],
  [/viber|вайбер/i, { kind: 'viber' }],
  [/phone|тел|моб|mobile|номер|msisdn/i, { kind: 'phone' }],
];

const looksLikeData = (value: string): boolean => PHONE_LIKE.test(value.trim()) || EMAIL_LIKE.test(value.trim());

function byContent(rows: ReadonlyArray<readonly string[]>, column: number): ColumnTarget {
  const values = rows.map((fields) => fields[column]?.trim() ?? '').filter((value) => value !== '');
  if (values.length === 0) return { kind: 'ignore' };
  const share = (test: RegExp) => values.filter((value) => test.test(value)).length / values.length;
  if (share(EMAIL_LIKE) >= 0.5) return { kind: 'email' };
  if (share(PHONE_LIKE) >= 0.5) return { kind: 'phone' };
  return { kind: 'ignore' };
}

export function buildPreview(records: readonly SourceRecord[], limit: number): ImportPreview {
  const rows = records.filter((record) => record.kind !== 'empty').slice(0, limit);
  const cells = rows.map((record) => (record.kind === 'row' ? record.fields : []));
  const columnCount = Math.max(0, ...cells.map((fields) => fields.length));
  const [first = [], ...rest] = cells;
  const headerGuessed = rest.length > 0 && !first.some(looksLikeData) && rest.some((fields) => fields.some(looksLikeData));
  const data = headerGuessed ? rest : cells;
  const columns = Array.from({ length: columnCount }, (_, column): ColumnTarget => {
    const label = headerGuessed ? (first[column] ?? '') : '';
    const named = HEADER_NAMES.find(([pattern]) => pattern.test(label));
    return named ? named[1] : byContent(data, column);
  });
  return { rows, columnCount, headerGuessed, suggestedMapping: { hasHeader: headerGuessed, columns } };
}
