const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Asterisk's ARI timestamp: `2026-11-21T17:47:42.785+0000` (UTC, milliseconds, offset without colon). */
export function ariTimestamp(epochMs: number): string {
  const d = new Date(Math.floor(epochMs));
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}
