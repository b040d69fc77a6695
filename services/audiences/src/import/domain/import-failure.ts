import { describeMapping } from './mapping-errors';
import type { MappingError } from './column-mapping';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1251' | 'utf-16le' | 'utf-16be';

/** Why a whole import failed. Nothing of a failed import is kept but its error report. */
export type ImportFailure =
  | { readonly code: 'file-too-large'; readonly limitBytes: number }
  | { readonly code: 'unrecognised-encoding'; readonly byteOffset: number; readonly tried: readonly TextEncoding[] }
  | { readonly code: 'invalid-mapping'; readonly errors: readonly MappingError[] }
  | { readonly code: 'broken-quotes'; readonly rowNumbers: readonly number[]; readonly count: number }
  | { readonly code: 'unreadable-file'; readonly detail: string }
  | { readonly code: 'empty-file' };

/** Thrown by readers and caught by the import, which turns it into a failed result. */
export class ImportFailedError extends Error {
  constructor(readonly failure: ImportFailure) {
    super(describeFailure(failure));
    this.name = 'ImportFailedError';
  }
}

export function describeFailure(failure: ImportFailure): string {
  switch (failure.code) {
    case 'file-too-large':
      return `The file is larger than the ${failure.limitBytes} bytes allowed; nothing was imported.`;
    case 'unrecognised-encoding':
      return `The bytes at offset ${failure.byteOffset} are not text in ${failure.tried.join(', ')}; save the file as UTF-8 or Windows-1251 CSV.`;
    case 'invalid-mapping':
      return describeMapping(failure.errors);
    case 'broken-quotes':
      return `${failure.count} row(s) have unbalanced quotes (rows ${failure.rowNumbers.join(', ')}${failure.count > failure.rowNumbers.length ? ', …' : ''}); fix them or import with broken rows rejected.`;
    case 'unreadable-file':
      return `The file cannot be read: ${failure.detail}`;
    case 'empty-file':
      return 'The file holds no data rows (only blank lines or a header).';
  }
}
