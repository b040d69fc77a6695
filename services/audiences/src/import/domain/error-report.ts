import { ALREADY_IN_SEGMENT, type RowRejection } from '../../contact/domain';
import type { BrokenQuoteReason } from './source-record';

/** Why a row was not imported: the contact normaliser's reasons, a duplicate, or a row that could not be split into cells. */
export type ReportReason =
  | RowRejection
  | { readonly field: 'row'; readonly input: string; readonly reason: 'duplicate'; readonly duplicateOf: number }
  | { readonly field: 'row'; readonly input: string; readonly reason: BrokenQuoteReason };

/** One line of the downloadable error report: the row as the user wrote it, and every reason it was left out. */
export type ErrorReportRow = {
  readonly rowNumber: number;
  readonly values: readonly string[];
  readonly reasons: readonly ReportReason[];
};

/** `phone: too-short (12)`: one reason as the report's reader sees it. */
export function describeReason(reason: ReportReason): string {
  if (reason.reason === 'duplicate')
    return reason.duplicateOf === ALREADY_IN_SEGMENT ? `already in the segment (${reason.input})` : `duplicate of row ${reason.duplicateOf} (${reason.input})`;
  if (reason.field === 'row') return reason.reason;
  return `${reason.field}: ${reason.reason} (${reason.input.trim()})`;
}
