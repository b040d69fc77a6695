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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function field<T>(json: Record<string, unknown>, key: string, guard: (value: unknown) => value is T): T {
  const value = json[key];
  if (!guard(value)) throw new NumberingDataFormatError(`numbering data: "${key}" is missing or malformed`);
  return value;
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

const longestKey = (rows: Record<string, unknown>): number => Object.keys(rows).reduce((longest, prefix) => Math.max(longest, prefix.length), 0);

/** Reads a row as it is asked for, or undefined when the prefix is absent (or not one of ours, like `__proto__`). */
function rowReader<T>(rows: Record<string, unknown>, decode: (row: unknown, prefix: string) => T): (prefix: string) => T | undefined {
  return (prefix) => (Object.hasOwn(rows, prefix) ? decode(rows[prefix], prefix) : undefined);
}

/** Rows share one frozen name object per distinct (en, ru) pair, made when first asked for. */
function localisedRows(rows: Record<string, unknown>, locales: readonly string[], names: readonly string[]): PrefixTable<LocalisedName> {
  const slots = [locales.indexOf('en'), locales.indexOf('ru')] as const;
  const shared = new Map<string, LocalisedName>();
  const nameAt = (row: readonly unknown[], slot: number): string | null => {
    const index = slot < 0 ? -1 : row[slot];
    return typeof index === 'number' && index >= 0 ? (names[index] ?? null) : null;
  };
  const decode = (row: unknown, prefix: string): LocalisedName => {
    if (!Array.isArray(row)) throw new NumberingDataFormatError(`numbering data: row ${prefix} is not an array`);
    const en = nameAt(row, slots[0]);
    const ru = nameAt(row, slots[1]);
    const key = `${en ?? ''}\u0000${ru ?? ''}`;
    let name = shared.get(key);
    if (!name) {
      name = Object.freeze({ en, ru });
      shared.set(key, name);
    }
    return name;
  };
  return PrefixTable.over(rowReader(rows, decode), longestKey(rows));
}

function zoneRows(rows: Record<string, unknown>): PrefixTable<readonly string[]> {
  const decode = (zones: unknown, prefix: string): readonly string[] => {
    if (!isStringArray(zones)) throw new NumberingDataFormatError(`numbering data: time zones of ${prefix} are malformed`);
    return zones;
  };
  return PrefixTable.over(rowReader(rows, decode), longestKey(rows));
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
    operators: localisedRows(carrier, locales, names),
    regions: localisedRows(region, locales, names),
    timeZones: zoneRows(zones),
  };
}
