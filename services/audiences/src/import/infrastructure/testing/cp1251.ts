import { TextDecoder } from 'node:util';

/** Windows-1251 has no encoder in the standard library; the decoder's table read backwards is one. */
const table = (() => {
  const decoder = new TextDecoder('windows-1251');
  const map = new Map<string, number>();
  for (let byte = 0; byte < 256; byte += 1) map.set(decoder.decode(Uint8Array.of(byte)), byte);
  return map;
})();

export function encodeCp1251(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => {
    const byte = table.get(char);
    if (byte === undefined) throw new Error(`"${char}" has no Windows-1251 byte`);
    return byte;
  });
}
