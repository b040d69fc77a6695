/** The byte order mark that makes Excel read a CSV file as UTF-8 (Cyrillic included). */
export const UTF8_BOM = '\uFEFF';

/** Excel with Russian regional settings splits on ';' (',' is the decimal separator there). */
export const CSV_DELIMITER = ';';

export type CsvCell = string | number | boolean | null | undefined;

// A cell a spreadsheet would run as a formula (CSV injection); a phone number in E.164 is not one.
const FORMULA_START = /^[=+\-@\t\r]/;
const E164 = /^\+\d+$/;
const NEEDS_QUOTES = /[";\r\n]/;

/**
 * One cell: numbers with a decimal comma (Excel-RU reads "12.5" as a date), text guarded against
 * formulas and quoted when it holds a delimiter, a quote or a line break.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  const text = FORMULA_START.test(value) && !E164.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, ended by CRLF (RFC 4180, and what Excel writes). */
export const csvLine = (cells: readonly CsvCell[]): string => `${cells.map(csvCell).join(CSV_DELIMITER)}\r\n`;
