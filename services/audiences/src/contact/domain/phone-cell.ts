/** What may separate several numbers written in one cell. Spaces never do: they format one number. */
const SEPARATORS = /[,;/|\n\r\t]+|\s(?:или|or)\s/i;
/** A cell in which no separator can occur: no separator character, no letter. */
const NO_SEPARATOR = /^[\d +().-]*$/;

/** The candidate numbers of one cell, trimmed, blanks between separators left out. */
export function splitPhoneCell(cell: string): string[] {
  if (!NO_SEPARATOR.test(cell)) return splitPhoneCellGeneral(cell);
  // The common cell, one number: what splitting gives, without the intermediate arrays.
  const part = cell.trim();
  return part === '' ? [] : [part];
}

/** `splitPhoneCell` without its fast path for cells that cannot hold a separator (exported for the property test that both agree). */
export function splitPhoneCellGeneral(cell: string): string[] {
  return cell
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
