import type { ImportRequest } from '../application/run-import';

/** The import settings of the generated audience (see generate-audience.ts): phone, e-mail, name as a custom field, comment ignored. */
export const AUDIENCE_PROJECT: Pick<ImportRequest, 'mapping' | 'mappingContext' | 'normalisation'> = {
  mapping: { hasHeader: true, columns: [{ kind: 'phone' }, { kind: 'email' }, { kind: 'custom', fieldKey: 'name' }, { kind: 'ignore' }] },
  mappingContext: { customFieldKeys: ['name'], columnCount: 4 },
  normalisation: { defaultCountry: 'RU', splitMultiplePhones: true, email: { idnToAscii: true, unicodeToAscii: false, removeSubaddress: true }, removeDuplicates: true },
};
