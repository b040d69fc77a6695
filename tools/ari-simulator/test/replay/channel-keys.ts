/**
 * Names channels by role instead of by id, so a trace and a simulator run can be compared:
 * `Local/answer-dtmf@sim-0000001c;1` → `Local/answer-dtmf@sim-#0;1` (the n-th call to that
 * endpoint in the run), `PJSIP/loop-00000002` → `PJSIP/loop-#0`, `Snoop/<id>-00000000` →
 * `Snoop/#0`, `UnicastRTP/127.0.0.1:40010-0x7f..` → `UnicastRTP/127.0.0.1:40010-#0`.
 */
export class ChannelKeys {
  private readonly keyById = new Map<string, string>();
  private readonly idByKey = new Map<string, string>();
  private readonly suffixIndex = new Map<string, Map<string, number>>();

  learn(channel: unknown): void {
    if (!isChannel(channel) || this.keyById.has(channel.id)) return;
    const key = this.keyOfName(channel.name);
    this.keyById.set(channel.id, key);
    this.idByKey.set(key, channel.id);
  }

  keyOf(id: string): string | undefined {
    return this.keyById.get(id);
  }

  idOf(key: string): string | undefined {
    return this.idByKey.get(key);
  }

  /** Replaces every known channel id inside a string (`channel:<id>`, BRIDGEPEER names stay names). */
  normaliseName(name: string): string {
    return name === '' ? '' : this.keyOfName(name);
  }

  private keyOfName(name: string): string {
    const match = /^(Local\/[^;]+|PJSIP\/[^-]+|UnicastRTP\/[^-]+|Snoop)[-/](.+?)(;[12])?$/.exec(name);
    if (!match) return name;
    const [, prefix = '', suffix = '', half = ''] = match;
    const known = this.suffixIndex.get(prefix) ?? new Map<string, number>();
    this.suffixIndex.set(prefix, known);
    if (!known.has(suffix)) known.set(suffix, known.size);
    return `${prefix}-#${known.get(suffix)}${half}`;
  }
}

function isChannel(value: unknown): value is { id: string; name: string } {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' && typeof (value as { name?: unknown }).name === 'string';
}
