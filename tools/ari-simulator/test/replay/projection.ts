import type { ChannelKeys } from './channel-keys';

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

// Values that depend on timing or on the machine, compared by type only (see `shapeOf`).
const VOLATILE_VARIABLES = /^(RTPAUDIOQOS.*|UNICASTRTP_LOCAL_PORT)$/;

/** Which stream (per channel, or per bridge) an event belongs to; order is compared within a stream. */
export function streamOf(event: Json, keys: ChannelKeys): string {
  const channel = (event['channel'] ?? event['peer']) as Json | undefined;
  if (channel) return keys.keyOf(str(channel['id'])) ?? str(channel['name']);
  const target = ((event['playback'] ?? event['recording']) as Json | undefined)?.['target_uri'];
  if (typeof target === 'string') return keys.keyOf(target.replace(/^channel:/, '')) ?? target;
  const bridge = event['bridge'] as Json | undefined;
  return `bridge:${str(bridge?.['name'])}`;
}

/** The deterministic content of an event: type, states, causes, statuses, digits, variables, args. */
export function project(event: Json, keys: ChannelKeys): string {
  const channel = (event['channel'] ?? event['peer']) as Json | undefined;
  const parts: string[] = [str(event['type'])];
  if (channel) parts.push(`state=${str(channel['state'])}`);
  for (const field of ['cause', 'cause_txt', 'soft', 'tech_cause', 'dialstatus', 'dialstring', 'digit', 'duration_ms', 'dialplan_app', 'dialplan_app_data', 'args']) {
    if (field in event) parts.push(`${field}=${str(event[field])}`);
  }
  if (typeof event['variable'] === 'string') {
    const variable = event['variable'];
    const value = str(event['value']);
    const shown = VOLATILE_VARIABLES.test(variable) ? '<volatile>' : variable === 'BRIDGEPEER' ? keys.normaliseName(value) : value;
    parts.push(`${variable}=${shown}`);
  }
  const playback = event['playback'] as Json | undefined;
  if (playback) parts.push(`playback=${str(playback['state'])} ${str(playback['media_uri'])} next=${str(playback['next_media_uri'] ?? '')}`);
  const recording = event['recording'] as Json | undefined;
  if (recording) parts.push(`recording=${str(recording['name'])} ${str(recording['format'])} ${str(recording['state'])}`);
  const bridge = event['bridge'] as Json | undefined;
  if (bridge) {
    const members = (bridge['channels'] as unknown[]).map((id) => keys.keyOf(str(id)) ?? str(id));
    parts.push(`bridge=${str(bridge['technology'])} ${str(bridge['bridge_type'])} [${members.join(',')}]`);
  }
  return parts.join(' ');
}

/** Keys and value types, recursively (arrays by the set of their element shapes). */
export function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${[...new Set(value.map(shapeOf))].sort().join('|')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Json).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${k}:${shapeOf(v)}`).join(',')}}`;
  }
  return typeof value;
}
