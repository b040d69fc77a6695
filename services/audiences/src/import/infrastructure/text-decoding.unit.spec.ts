import { ImportFailedError } from '../domain/import-failure';
import { StreamingTextDecoder } from './text-decoding';
import { encodeCp1251 } from './testing/cp1251';

const decodeAll = (chunks: readonly Uint8Array[], forced?: ConstructorParameters<typeof StreamingTextDecoder>[0]) => {
  const decoder = new StreamingTextDecoder(forced);
  const text = chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.end();
  return { text, encoding: decoder.encoding };
};

/** Every split of `bytes` into single bytes: the hardest chunking there is. */
const bytewise = (bytes: Uint8Array) => Array.from(bytes, (byte) => Uint8Array.of(byte));

describe('StreamingTextDecoder', () => {
  const text = 'телефон;имя\n89123456789;Иван Пётрович ёж\n';

  it('reads UTF-8, even split inside characters', () => {
    expect(decodeAll(bytewise(new TextEncoder().encode(text)))).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM split across chunks and drops the BOM', () => {
    expect(decodeAll(bytewise(new TextEncoder().encode(`\uFEFF${text}`)))).toEqual({ text, encoding: 'utf-8-bom' });
  });

  it('reads Windows-1251 when the bytes are not UTF-8', () => {
    expect(decodeAll([encodeCp1251(text)])).toEqual({ text, encoding: 'windows-1251' });
  });

  it('decides at the first non-ASCII bytes, however late they come', () => {
    const ascii = '89123456789;Ivan\n'.repeat(1000);
    const bytes = encodeCp1251(`${ascii}89123456790;Олег\n`);
    expect(decodeAll([bytes.subarray(0, ascii.length), bytes.subarray(ascii.length)])).toEqual({ text: `${ascii}89123456790;Олег\n`, encoding: 'windows-1251' });
  });

  it('reads UTF-16 LE with a BOM, as Excel saves "Unicode text"', () => {
    const units = Uint16Array.from(`\uFEFF${text}`, (char) => char.charCodeAt(0));
    expect(decodeAll([new Uint8Array(units.buffer)])).toEqual({ text, encoding: 'utf-16le' });
  });

  it.each([
    ['a NUL byte (binary or UTF-16 without BOM)', Uint8Array.from([0x61, 0x3b, 0x00, 0x62]), 2],
    ['a byte Windows-1251 leaves undefined in a non-UTF-8 file', Uint8Array.from([0x61, 0x98, 0x62]), 1],
  ])('refuses %s with its offset', (_, bytes, byteOffset) => {
    expect(() => decodeAll([bytes])).toThrow(new ImportFailedError({ code: 'unrecognised-encoding', byteOffset, tried: ['utf-8', 'windows-1251'] }));
  });

  it('refuses UTF-8 that turns invalid later in the file instead of replacing characters', () => {
    const good = new TextEncoder().encode('Иван\n');
    expect(() => decodeAll([good, Uint8Array.from([0xcf, 0xf0, 0x0a])])).toThrow(ImportFailedError);
  });
});
