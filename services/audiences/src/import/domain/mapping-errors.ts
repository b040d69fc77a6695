import type { MappingError } from './column-mapping';

const column = (error: MappingError): string => (error.column === undefined ? '' : `column ${error.column + 1}: `);

/** The mapping's errors as one message (the form shows them next to their columns instead). */
export function describeMapping(errors: readonly MappingError[]): string {
  return errors
    .map((error) => {
      switch (error.code) {
        case 'no-phone-or-email':
          return 'Map at least one column to phone or e-mail.';
        case 'several-email-columns':
          return `${column(error)}only one column can hold the e-mail.`;
        case 'several-columns-for-messenger':
          return `${column(error)}this messenger is already mapped to another column.`;
        case 'column-not-in-file':
          return `${column(error)}the file has no such column.`;
        case 'unknown-custom-field':
          return `${column(error)}the project has no custom field "${error.fieldKey}".`;
        case 'custom-field-mapped-twice':
          return `${column(error)}custom field "${error.fieldKey}" is already mapped.`;
      }
    })
    .join(' ');
}
