import { TextDecoder } from 'node:util';
import { ImportFailedError, type TextEncoding } from '../domain/import-failure';

/** Bytes that Windows-1251 leaves undefined (0x98) and that no text file holds (NUL): a binary file or UTF-16 without a BOM. */
const NUL = 0x00;
const CP1251_UNDEFINED = 0x98;

const BOMS: ReadonlyArray<readonly [TextEncoding, readonly number[]]> = [
  ['utf-8-bom', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

const WHATWG_LABEL: Record<TextEncoding, string> = { 'utf-8': 'utf-8', 'utf-8-bom': 'utf-8', 'windows-1251': 'windows-1251', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be' };

function bomOf(head: Uint8Array): TextEncoding | null {
  const found = BOMS.find(([, bom]) => bom.every((byte, index) => head[index] === byte));
  return found ? found[0] : null;
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; index += 1) if (bytes[index]! >= 0x80) return index;
  return -1;
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
};

/**
 * Decodes a file streamed in chunks without knowing its encoding in advance: a BOM decides at once
 * (UTF-8, UTF-16 as Excel's "Unicode text" writes it); otherwise bytes stay undecided while they are
 * ASCII (identical in every candidate), and the first chunk holding other bytes decides: valid UTF-8,
 * else Windows-1251. Bytes that fit no candidate fail the import with their offset, never a silent
 * replacement character.
 */
export class StreamingTextDecoder {
  private decoder: TextDecoder | null = null;
  private chosen: TextEncoding | null;
  private head: Uint8Array | null = new Uint8Array(0);
  private offset = 0;

  constructor(forced?: TextEncoding) {
    this.chosen = forced ?? null;
    if (forced) this.decoder = this.open(forced);
  }

  /** The encoding found; a file of ASCII only reads the same as UTF-8. */
  get encoding(): TextEncoding {
    return this.chosen ?? 'utf-8';
  }

  decode(chunk: Uint8Array): string {
    if (this.head !== null && this.decoder === null) {
      // A BOM may be split across the first chunks.
      this.head = concat(this.head, chunk);
      if (this.head.length < 3) return '';
      chunk = this.head;
    }
    this.head = null;
    return this.decodeChunk(chunk, false);
  }

  end(): string {
    const rest = this.head;
    this.head = null;
    const text = rest && rest.length > 0 ? this.decodeChunk(rest, false) : '';
    return text + this.decodeChunk(new Uint8Array(0), true);
  }

  private decodeChunk(chunk: Uint8Array, last: boolean): string {
    const start = this.offset;
    this.offset += chunk.length;
    if (this.decoder === null) {
      const bom = bomOf(chunk);
      if (bom) this.decide(bom);
      else if (firstNonAscii(chunk) >= 0) this.decide(this.sniff(chunk));
    }
    if (this.chosen !== 'utf-16le' && this.chosen !== 'utf-16be') this.refuseBytes(chunk, start, NUL);
    if (this.chosen === 'windows-1251') this.refuseBytes(chunk, start, CP1251_UNDEFINED);
    if (this.decoder === null) return last ? '' : asciiText(chunk);
    try {
      return this.decoder.decode(chunk, { stream: !last });
    } catch {
      throw this.unrecognised(start);
    }
  }

  private sniff(chunk: Uint8Array): TextEncoding {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
      return 'utf-8';
    } catch {
      return 'windows-1251';
    }
  }

  private decide(encoding: TextEncoding): void {
    this.chosen = encoding;
    this.decoder = this.open(encoding);
  }

  private open(encoding: TextEncoding): TextDecoder {
    return new TextDecoder(WHATWG_LABEL[encoding], { fatal: true });
  }

  private refuseBytes(chunk: Uint8Array, start: number, byte: number): void {
    const at = chunk.indexOf(byte);
    if (at >= 0) throw this.unrecognised(start + at);
  }

  private unrecognised(byteOffset: number): ImportFailedError {
    const tried: TextEncoding[] = this.chosen === null || this.chosen === 'utf-8' || this.chosen === 'windows-1251' ? ['utf-8', 'windows-1251'] : [this.chosen];
    return new ImportFailedError({ code: 'unrecognised-encoding', byteOffset, tried });
  }
}

const ascii = new TextDecoder('utf-8');
const asciiText = (chunk: Uint8Array): string => ascii.decode(chunk);
