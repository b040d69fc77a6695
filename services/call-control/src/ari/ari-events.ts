import { ARI_EVENT_RESOURCE, type AriEvent, type AriEventType } from '@zvonar/ari-model';

export type { AriEvent, AriEventType } from '@zvonar/ari-model';

/** ARI event names as constants, for dispatch tables. */
export const AriEventName = Object.fromEntries(Object.keys(ARI_EVENT_RESOURCE).map((name) => [name, name])) as { readonly [K in AriEventType]: K };

/** Channel variables and dialplan functions call-control reads or sets. */
export const ChannelVar = {
  stasisStatus: 'STASISSTATUS',
  amdStatus: 'AMDSTATUS',
  amdCause: 'AMDCAUSE',
  bridgePeer: 'BRIDGEPEER',
  talkDetectSet: 'TALK_DETECT(set)',
  talkDetectRemove: 'TALK_DETECT(remove)',
} as const;

export interface MalformedEvent {
  reason: string;
  /** The channel the event was about, when it can be told. */
  channelId: string | undefined;
  raw: string;
}

export type DecodedEvent = { ok: true; event: AriEvent } | { ok: false; malformed: MalformedEvent };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

// Fields each resource must carry for the dispatcher to use it safely.
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  channel: ['id', 'name', 'state'],
  peer: ['id', 'name', 'state'],
  bridge: ['id', 'channels'],
  playback: ['id', 'target_uri', 'state'],
  recording: ['name', 'target_uri', 'state'],
};

// Per-type scalar fields that must be present with the given type.
const FIELDS: Partial<Readonly<Record<AriEventType, Readonly<Record<string, 'string' | 'number'>>>>> = {
  Dial: { dialstatus: 'string' },
  ChannelVarset: { variable: 'string', value: 'string' },
  ChannelHangupRequest: { cause: 'number' },
  ChannelDestroyed: { cause: 'number', cause_txt: 'string' },
  ChannelDtmfReceived: { digit: 'string', duration_ms: 'number' },
  ChannelTalkingFinished: { duration: 'number' },
  ChannelDialplan: { dialplan_app: 'string', dialplan_app_data: 'string' },
};

function channelIdOf(value: Json): string | undefined {
  for (const key of ['channel', 'peer']) {
    const resource = value[key];
    if (isObject(resource) && typeof resource['id'] === 'string') return resource['id'];
  }
  for (const key of ['playback', 'recording']) {
    const resource = value[key];
    const target = isObject(resource) ? resource['target_uri'] : undefined;
    if (typeof target === 'string' && target.startsWith('channel:')) return target.slice('channel:'.length);
  }
  return undefined;
}

/**
 * Parses one WebSocket message into a typed event, or explains why it cannot be used.
 * Never throws: a bad message must not break the stream for the other calls.
 */
export function decodeAriEvent(raw: string): DecodedEvent {
  const fail = (reason: string, value?: Json): DecodedEvent => ({ ok: false, malformed: { reason, channelId: value && channelIdOf(value), raw } });
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('not JSON');
  }
  if (!isObject(value)) return fail('not a JSON object');
  const type = value['type'];
  if (typeof type !== 'string') return fail('no event type', value);
  if (!(type in ARI_EVENT_RESOURCE)) return fail(`unexpected event type ${type}`, value);
  const resourceKey = ARI_EVENT_RESOURCE[type as AriEventType];
  const resource = value[resourceKey];
  if (!isObject(resource)) return fail(`${type} without ${resourceKey}`, value);
  for (const field of REQUIRED[resourceKey] ?? []) {
    if (resource[field] === undefined) return fail(`${type}.${resourceKey} without ${field}`, value);
  }
  for (const [field, kind] of Object.entries(FIELDS[type as AriEventType] ?? {})) {
    if (typeof value[field] !== kind) return fail(`${type}.${field} is not a ${kind}`, value);
  }
  if (type === 'StasisStart' && !Array.isArray(value['args'])) return fail('StasisStart.args is not an array', value);
  return { ok: true, event: value as unknown as AriEvent };
}
