import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';
import type { Zone, ZoneEntry } from '../../testing/mail-zone';

const TYPE = { A: 1, MX: 15, AAAA: 28 } as const;
const TYPE_NAMES: Readonly<Record<number, string>> = { 1: 'A', 15: 'MX', 28: 'AAAA' };
const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;
const CLASS_IN = 1;
const TTL = 60;

type Question = { readonly id: number; readonly flags: number; readonly name: string; readonly type: number; readonly section: Buffer };

/** The header and first question of a query; undefined for anything not parseable as one. */
function parseQuery(packet: Buffer): Question | undefined {
  if (packet.length < 12 || packet.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = packet[offset];
    if (length === undefined || length > 63) return undefined; // compression never appears in a question we send
    offset += 1;
    if (length === 0) break;
    labels.push(packet.toString('ascii', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > packet.length) return undefined;
  return { id: packet.readUInt16BE(0), flags: packet.readUInt16BE(2), name: labels.join('.').toLowerCase(), type: packet.readUInt16BE(offset), section: packet.subarray(12, offset + 4) };
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((label) => label !== '');
  return Buffer.concat([...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')])), Buffer.from([0])]);
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  all.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2));
  return bytes;
}

/** The RDATA of each record of `type` the entry holds. */
function recordsOf(entry: Exclude<ZoneEntry, string>, type: number): Buffer[] {
  if (type === TYPE.A) return (entry.a ?? []).map((ip) => Buffer.from(ip.split('.').map(Number)));
  if (type === TYPE.AAAA) return (entry.aaaa ?? []).map(ipv6Bytes);
  if (type !== TYPE.MX || entry.mx === undefined) return [];
  const exchanges = entry.mx === 'null-mx' ? [{ preference: 0, exchange: '' }] : entry.mx;
  return exchanges.map(({ preference, exchange }) => {
    const head = Buffer.alloc(2);
    head.writeUInt16BE(preference);
    return Buffer.concat([head, encodeName(exchange)]);
  });
}

function response(question: Question, rcode: number, records: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(question.id, 0);
  // QR, the query's opcode and RD, AA and RA set, the rcode.
  header.writeUInt16BE(0x8000 | (question.flags & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map((rdata) => {
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    fixed.writeUInt16BE(question.type, 2);
    fixed.writeUInt16BE(CLASS_IN, 4);
    fixed.writeUInt32BE(TTL, 6);
    fixed.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([fixed, rdata]);
  });
  return Buffer.concat([header, question.section, ...answers]);
}

/**
 * A tiny authoritative DNS server on 127.0.0.1 (an ephemeral UDP port) answering MX, A and AAAA
 * questions from a table, for specs of the DNS adapter without a network. It counts the questions
 * it received per `<name> <type>`, so a spec can prove how often a domain was asked.
 */
export class LocalDnsResponder {
  private readonly asked = new Map<string, number>();

  private constructor(
    private readonly socket: Socket,
    private zone: Zone,
  ) {
    socket.on('message', (packet, from) => this.answer(packet, from));
  }

  static async start(zone: Zone): Promise<LocalDnsResponder> {
    for (const [name, entry] of Object.entries(zone)) {
      if (typeof entry === 'string') continue;
      if (![...(entry.a ?? [])].every((ip) => isIPv4(ip)) || ![...(entry.aaaa ?? [])].every((ip) => isIPv6(ip))) throw new Error(`bad address in the zone entry of ${name}`);
    }
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new LocalDnsResponder(socket, zone);
  }

  /** `127.0.0.1:<port>`, as `Resolver.setServers` takes it. */
  get server(): string {
    return `127.0.0.1:${this.socket.address().port}`;
  }

  /** Questions received about `name` of `type` (all types when omitted). */
  questions(name: string, type?: 'MX' | 'A' | 'AAAA'): number {
    let count = 0;
    for (const [key, times] of this.asked) if (key === `${name} ${type ?? key.split(' ')[1]}`) count += times;
    return count;
  }

  /** Replaces the table (the counts are kept). */
  serve(zone: Zone): void {
    this.zone = zone;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private answer(packet: Buffer, from: RemoteInfo): void {
    const question = parseQuery(packet);
    if (!question) return;
    const key = `${question.name} ${TYPE_NAMES[question.type] ?? String(question.type)}`;
    this.asked.set(key, (this.asked.get(key) ?? 0) + 1);
    const entry = this.zone[question.name];
    if (entry === 'silent') return;
    const reply =
      entry === undefined
        ? response(question, RCODE.NXDOMAIN, [])
        : entry === 'servfail'
          ? response(question, RCODE.SERVFAIL, [])
          : response(question, RCODE.NOERROR, recordsOf(entry, question.type));
    this.socket.send(reply, from.port, from.address);
  }
}
