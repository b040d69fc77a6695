/** Why a line could not be split into fields. */
export type BrokenQuoteReason = 'unclosed-quote' | 'text-after-closing-quote';

/**
 * One row of the source as the user sees it in Excel: `rowNumber` counts every row of the file from 1,
 * header and empty rows included, so the error report points at the row the user can find.
 */
export type SourceRecord =
  | { readonly kind: 'row'; readonly rowNumber: number; readonly fields: readonly string[] }
  | { readonly kind: 'empty'; readonly rowNumber: number }
  | { readonly kind: 'broken-quotes'; readonly rowNumber: number; readonly raw: string; readonly reason: BrokenQuoteReason };

/** A row whose every cell is blank (`;;;` lines are what Excel writes for an empty row). */
export function isBlankRow(fields: readonly string[]): boolean {
  // Called on every row: looks for one character that is not white space, without trimming copies.
  for (const field of fields) if (/\S/.test(field)) return false;
  return true;
}
