import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';

/** The same number written the five ways audiences arrive with. */
const FORMATS: ReadonlyArray<(digits: string) => string> = [
  (d) => `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
  (d) => `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
  (d) => `7${d}`,
  (d) => `8-${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
  (d) => `+7${d}`,
];

/** Row `index` of a generated audience (distinct valid Russian mobile numbers): phone, e-mail, name, and optional filler. */
export function audienceRow(index: number, filler = ''): [string, string, string, string] {
  // 910–929 are all allocated mobile ranges, so every generated number is valid and distinct.
  const digits = `9${String(10 + (index % 20))}${String(Math.floor(index / 20)).padStart(7, '0')}`;
  const phone = FORMATS[index % FORMATS.length]!(digits);
  return [phone, index % 3 === 0 ? `user${index}@example.ru` : '', `Имя ${index}`, filler];
}

export const AUDIENCE_HEADER = ['Телефон', 'E-mail', 'Имя', 'Комментарий'] as const;

/** A `;` CSV written in batches, so a million rows never sit in memory. */
export async function writeAudienceCsv(path: string, rows: number, options: { readonly fillerChars?: number } = {}): Promise<void> {
  const out = createWriteStream(path);
  const filler = 'x'.repeat(options.fillerChars ?? 0);
  const batch = 10_000;
  out.write(`${AUDIENCE_HEADER.join(';')}\n`);
  for (let start = 0; start < rows; start += batch) {
    let text = '';
    for (let index = start; index < Math.min(rows, start + batch); index += 1) text += `${audienceRow(index, filler).join(';')}\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** The same audience as an XLSX, through exceljs's streaming writer. */
export async function writeAudienceXlsx(path: string, rows: number): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = writer.addWorksheet('Audience');
  sheet.addRow([...AUDIENCE_HEADER]).commit();
  for (let index = 0; index < rows; index += 1) sheet.addRow(audienceRow(index)).commit();
  await sheet.commit();
  await writer.commit();
}
