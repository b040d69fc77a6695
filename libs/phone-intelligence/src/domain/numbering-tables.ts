import type { LocalisedName, PhoneIntelligenceSource } from './phone-intelligence.port';
import { PrefixTable } from './prefix-table';

/** The offline numbering data, decoded: prefix tables keyed by E.164 digits without the plus. */
export type NumberingTables = {
  readonly source: PhoneIntelligenceSource;
  readonly operators: PrefixTable<LocalisedName>;
  readonly regions: PrefixTable<LocalisedName>;
  readonly timeZones: PrefixTable<readonly string[]>;
};

/** The generated JSON's format version this decoder reads (tools/numbering-data writes it). */
export const NUMBERING_DATA_FORMAT = 1;

export class NumberingDataFormatError extends Error {
  override readonly name = 'NumberingDataFormatError';
}

type Row = readonly number[];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function field<T>(json: Record<string, unknown>, key: string, guard: (value: unknown) => value is T): T {
  const value = json[key];
  if (!guard(value)) throw new NumberingDataFormatError(`numbering data: "${key}" is missing or malformed`);
  return value;
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function localisedEntries(rows: Record<string, unknown>, locales: readonly string[], names: readonly string[]): Array<readonly [string, LocalisedName]> {
  const nameAt = (row: Row, locale: string): string | null => {
    const slot = locales.indexOf(locale);
    const index = slot < 0 ? -1 : (row[slot] ?? -1);
    return index < 0 ? null : (names[index] ?? null);
  };
  return Object.entries(rows).map(([prefix, row]) => {
    if (!Array.isArray(row)) throw new NumberingDataFormatError(`numbering data: row ${prefix} is not an array`);
    const numbers = row as Row;
    return [prefix, { en: nameAt(numbers, 'en'), ru: nameAt(numbers, 'ru') }] as const;
  });
}

/** Decodes the generated JSON (already parsed) into prefix tables; throws NumberingDataFormatError on a foreign shape. */
export function decodeNumberingData(json: unknown): NumberingTables {
  if (!isRecord(json)) throw new NumberingDataFormatError('numbering data: not a JSON object');
  if (json['format'] !== NUMBERING_DATA_FORMAT) {
    throw new NumberingDataFormatError(`numbering data: format ${String(json['format'])}, this code reads format ${NUMBERING_DATA_FORMAT}; regenerate it`);
  }
  const source = field(json, 'source', isRecord);
  const locales = field(json, 'locales', isStringArray);
  const names = field(json, 'names', isStringArray);
  const carrier = field(json, 'carrier', isRecord);
  const region = field(json, 'region', isRecord);
  const zones = field(json, 'timeZones', isRecord);
  return {
    source: { name: String(source['name']), version: String(source['version']) },
    operators: new PrefixTable(localisedEntries(carrier, locales, names)),
    regions: new PrefixTable(localisedEntries(region, locales, names)),
    timeZones: new PrefixTable(
      Object.entries(zones).map(([prefix, list]) => {
        if (!isStringArray(list)) throw new NumberingDataFormatError(`numbering data: time zones of ${prefix} are malformed`);
        return [prefix, list] as const;
      }),
    ),
  };
}
