const NEEDS_QUOTES = /[";\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().-]*$/;

/**
 * One cell of a CSV the user opens in Excel: quoted when needed; a cell Excel would run as a formula
 * (`=HYPERLINK(…)`, `@SUM(…)`) gets a leading apostrophe, while a phone such as `+7 912 …` stays as written.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
