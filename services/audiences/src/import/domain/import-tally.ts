/**
 * The import's accounting. Every data row read ends in exactly one of imported, rejected or duplicate:
 * `imported + rejected + duplicates === rowsRead`. Header and empty rows are counted apart, so the rows
 * of the file are `rowsRead + emptyRows + headerRows`.
 */
export type ImportTally = {
  readonly rowsRead: number;
  readonly imported: number;
  readonly rejected: number;
  readonly duplicates: number;
  /** Contacts created: a row with two numbers makes two. */
  readonly contacts: number;
  readonly emptyRows: number;
  readonly headerRows: number;
  readonly brokenQuoteRows: number;
};

export const emptyTally = (): ImportTally => ({ rowsRead: 0, imported: 0, rejected: 0, duplicates: 0, contacts: 0, emptyRows: 0, headerRows: 0, brokenQuoteRows: 0 });

export const isBalanced = (tally: ImportTally): boolean => tally.imported + tally.rejected + tally.duplicates === tally.rowsRead;

/** Live progress: rows are known as they are read; their total only at the end, estimated from bytes meanwhile. */
export type ImportProgress = {
  readonly rowsDone: number;
  readonly rowsTotal: number | null;
  readonly rowsTotalIsEstimate: boolean;
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
};

export function progressOf(rowsDone: number, bytesDone: number, bytesTotal: number | null, finished: boolean): ImportProgress {
  if (finished) return { rowsDone, rowsTotal: rowsDone, rowsTotalIsEstimate: false, bytesDone, bytesTotal };
  const rowsTotal = bytesTotal !== null && bytesDone > 0 ? Math.max(rowsDone, Math.round((rowsDone * bytesTotal) / bytesDone)) : null;
  return { rowsDone, rowsTotal, rowsTotalIsEstimate: true, bytesDone, bytesTotal };
}
