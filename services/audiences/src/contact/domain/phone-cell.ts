/** What may separate several numbers written in one cell. Spaces never do: they format one number. */
const SEPARATORS = /[,;/|\n\r\t]+|\s(?:или|or)\s/i;

/** The candidate numbers of one cell, trimmed, blanks between separators left out. */
export function splitPhoneCell(cell: string): string[] {
  return cell
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
