import type { RawContactRow } from '../../contact/domain';

export type MessengerKind = 'telegram' | 'whatsapp' | 'viber';

/** What one column of the file becomes. */
export type ColumnTarget =
  | { readonly kind: 'phone' }
  | { readonly kind: 'email' }
  | { readonly kind: MessengerKind }
  | { readonly kind: 'custom'; readonly fieldKey: string }
  | { readonly kind: 'ignore' };

/** `columns[i]` is the target of the file's column i; columns past the end of the list are ignored. */
export type ColumnMapping = {
  readonly hasHeader: boolean;
  readonly columns: readonly ColumnTarget[];
};

/** A field-level error, as a form shows it next to the column. `column` is absent for the mapping as a whole. */
export type MappingError =
  | { readonly column?: undefined; readonly code: 'no-phone-or-email' }
  | { readonly column: number; readonly code: 'several-email-columns' | 'several-columns-for-messenger' | 'column-not-in-file' }
  | { readonly column: number; readonly code: 'unknown-custom-field' | 'custom-field-mapped-twice'; readonly fieldKey: string };

/** A mapping that passed validation, in the shape rows are read with. */
export type CompiledMapping = {
  readonly hasHeader: boolean;
  readonly phoneColumns: readonly number[];
  readonly emailColumn: number | null;
  readonly messengerColumns: ReadonlyArray<readonly [MessengerKind, number]>;
  readonly customColumns: ReadonlyArray<readonly [string, number]>;
};

export type MappingContext = {
  /** The project's custom field keys. */
  readonly customFieldKeys: readonly string[];
  /** Columns seen in the preview; a target past them points at nothing. */
  readonly columnCount: number;
};

export function validateMapping(mapping: ColumnMapping, context: MappingContext): { ok: true; mapping: CompiledMapping } | { ok: false; errors: MappingError[] } {
  const errors: MappingError[] = [];
  const phoneColumns: number[] = [];
  const emailColumns: number[] = [];
  const messengerColumns: Array<readonly [MessengerKind, number]> = [];
  const customColumns: Array<readonly [string, number]> = [];
  mapping.columns.forEach((target, column) => {
    if (target.kind === 'ignore') return;
    if (column >= context.columnCount) errors.push({ column, code: 'column-not-in-file' });
    if (target.kind === 'phone') phoneColumns.push(column);
    else if (target.kind === 'email') {
      if (emailColumns.length > 0) errors.push({ column, code: 'several-email-columns' });
      emailColumns.push(column);
    } else if (target.kind === 'custom') {
      if (!context.customFieldKeys.includes(target.fieldKey)) errors.push({ column, code: 'unknown-custom-field', fieldKey: target.fieldKey });
      else if (customColumns.some(([key]) => key === target.fieldKey)) errors.push({ column, code: 'custom-field-mapped-twice', fieldKey: target.fieldKey });
      customColumns.push([target.fieldKey, column]);
    } else {
      const kind = target.kind;
      if (messengerColumns.some(([other]) => other === kind)) errors.push({ column, code: 'several-columns-for-messenger' });
      messengerColumns.push([kind, column]);
    }
  });
  if (phoneColumns.length === 0 && emailColumns.length === 0) errors.unshift({ code: 'no-phone-or-email' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, mapping: { hasHeader: mapping.hasHeader, phoneColumns, emailColumn: emailColumns[0] ?? null, messengerColumns, customColumns } };
}

/** One mapped row: what the contact normaliser reads, plus the values it does not touch. */
export type MappedRow = {
  readonly contact: RawContactRow;
  readonly messengers: Partial<Record<MessengerKind, string>>;
  readonly customFields: Readonly<Partial<Record<string, string>>>;
};

const cell = (fields: readonly string[], column: number): string | undefined => {
  const value = fields[column]?.trim();
  return value === '' ? undefined : value;
};

const NONE: Readonly<Partial<Record<string, string>>> = Object.freeze({});

export function mapRow(mapping: CompiledMapping, rowNumber: number, fields: readonly string[]): MappedRow {
  // Several phone columns read like several numbers in one cell; a line break is a separator the normaliser splits on.
  let phone: string | undefined;
  for (const column of mapping.phoneColumns) {
    const value = cell(fields, column);
    if (value !== undefined) phone = phone === undefined ? value : `${phone}\n${value}`;
  }
  const email = mapping.emailColumn === null ? undefined : cell(fields, mapping.emailColumn);
  return { contact: { rowNumber, phone, email }, messengers: pick(mapping.messengerColumns, fields), customFields: pick(mapping.customColumns, fields) };
}

/** The non-blank cells of the named columns, by name; one shared empty object when the mapping names none. */
function pick<K extends string>(columns: ReadonlyArray<readonly [K, number]>, fields: readonly string[]): Readonly<Partial<Record<K, string>>> {
  if (columns.length === 0) return NONE;
  const picked: Partial<Record<K, string>> = {};
  for (const [key, column] of columns) {
    const value = cell(fields, column);
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}
