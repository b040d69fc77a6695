import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { RecordSource } from '../application/record-source';
import type { Delimiter } from '../domain/delimiter';
import type { TextEncoding } from '../domain/import-failure';
import { CsvRecordSource } from './csv.record-source';
import { XlsxRecordSource } from './xlsx.record-source';

export type ImportFileOptions = {
  readonly limitBytes: number;
  readonly encoding?: TextEncoding;
  readonly delimiter?: Delimiter;
  /** Bytes read at a time: the records of one chunk are in memory together. */
  readonly chunkBytes?: number;
};

export type OpenedImport = { readonly kind: 'xlsx'; readonly source: XlsxRecordSource } | { readonly kind: 'csv'; readonly source: CsvRecordSource };

/** XLSX is a ZIP archive: it starts with `PK\x03\x04`, which no CSV or TXT export does. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Yields `head` again before the rest, once the first chunk has been looked at. */
async function* prepend(head: Uint8Array | null, rest: AsyncIterator<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
  try {
    if (head) yield head;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    // A reader that stops early (the preview) must close the file too.
    await rest.return?.();
  }
}

/**
 * An uploaded stream (size unknown) or a file on disk (size known) opened as the right record source,
 * told apart by its first bytes rather than by the name the user gave it.
 */
export async function openImport(bytes: AsyncIterable<Uint8Array | string>, options: ImportFileOptions & { readonly bytesTotal?: number | null }): Promise<OpenedImport> {
  const iterator = bytes[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done || typeof first.value === 'string' ? null : first.value;
  const stream = prepend(head, iterator);
  const isZip = head !== null && ZIP_MAGIC.every((byte, index) => head[index] === byte);
  return isZip ? { kind: 'xlsx', source: new XlsxRecordSource(stream, options) } : { kind: 'csv', source: new CsvRecordSource(stream, options) };
}

export async function openImportFile(path: string, options: ImportFileOptions): Promise<RecordSource> {
  const { size } = await stat(path);
  // Refused before a byte is read; the limit is checked again while streaming in case the file grows.
  const opened = await openImport(size > options.limitBytes ? emptyBytes() : createReadStream(path, { highWaterMark: options.chunkBytes ?? 64 * 1024 }), { ...options, bytesTotal: size });
  return opened.source;
}

async function* emptyBytes(): AsyncGenerator<Uint8Array> {}
