// Reads members of a wheel (a plain zip archive) with node:zlib only: the central directory
// names every member, each member is stored or deflated.
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

function findEndOfDirectory(zip) {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new Error('not a zip archive: no end-of-central-directory record');
}

/** Lists the members of a zip archive held in memory: name, method, sizes, local header offset. */
export function listMembers(zip) {
  const end = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const members = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`corrupt zip directory at byte ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    members.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

/** The bytes of one member, inflated when it is deflated. */
export function readMember(zip, member) {
  if (zip.readUInt32LE(member.offset) !== LOCAL_HEADER) throw new Error(`corrupt zip member ${member.name}`);
  const start = member.offset + 30 + zip.readUInt16LE(member.offset + 26) + zip.readUInt16LE(member.offset + 28);
  const raw = zip.subarray(start, start + member.compressedSize);
  if (member.method === 0) return raw;
  if (member.method === 8) return inflateRawSync(raw);
  throw new Error(`zip member ${member.name} uses unsupported compression method ${member.method}`);
}
