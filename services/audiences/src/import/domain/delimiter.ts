/** The delimiters an import accepts; `;` first because Excel writes it wherever the decimal separator is a comma. */
export const DELIMITERS = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DEFAULT_DELIMITER: Delimiter = ';';

export const isDelimiter = (value: string): value is Delimiter => (DELIMITERS as readonly string[]).includes(value);
