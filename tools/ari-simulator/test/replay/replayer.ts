import { eventually } from '@zvonar/testing';
import WebSocket from 'ws';
import { startAriSimulator } from '../../src';
import { ChannelKeys } from './channel-keys';
import type { TraceEntry, TraceEvent, TraceRequest, TraceResponse } from './trace';

type Json = Record<string, unknown>;

export interface ReplayRun {
  traceEvents: TraceEvent['event'][];
  simEvents: Json[];
  traceResponses: Map<number, TraceResponse>;
  simResponses: Map<number, { status: number; body: unknown }>;
  traceKeys: ChannelKeys;
  simKeys: ChannelKeys;
}

const CREDENTIALS = { username: 'probe', password: 'probe-secret' };
const auth = (password: string): string => `Basic ${Buffer.from(`${CREDENTIALS.username}:${password}`).toString('base64')}`;

/**
 * Drives a fresh simulator through the requests of one trace, at the trace's times scaled by
 * `timeScale`, and collects what it answers and sends. Before each request it also waits until
 * the simulator has sent as many events as Asterisk had sent by then (the probe reacted to
 * events), and for the responses the probe had already received (it used their ids).
 */
export async function replay(entries: TraceEntry[], timeScale: number): Promise<ReplayRun> {
  const requests = entries.filter((e): e is TraceRequest => e.kind === 'request');
  const traceResponses = new Map(entries.filter((e): e is TraceResponse => e.kind === 'response').map((r) => [r.id, r]));
  const traceEventEntries = entries.filter((e): e is TraceEvent => e.kind === 'event');
  const traceKeys = new ChannelKeys();
  for (const entry of entries) {
    if (entry.kind === 'event') traceKeys.learn(entry.event['channel'] ?? entry.event['peer']);
    if (entry.kind === 'response') for (const c of Array.isArray(entry.body) ? entry.body : [entry.body]) traceKeys.learn(c);
  }

  const sim = await startAriSimulator({ timeScale, credentials: CREDENTIALS });
  const simKeys = new ChannelKeys();
  const simEvents: Json[] = [];
  const simResponses = new Map<number, { status: number; body: unknown }>();
  const idMap = new Map<string, string>();
  const pending = new Map<number, Promise<void>>();
  const socketRequest = requests.find((r) => r.websocket);
  const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/ari/events?app=${String(socketRequest?.query['app'] ?? 'probe')}`, {
    headers: { Authorization: auth(CREDENTIALS.password) },
  });
  ws.on('message', (data) => {
    const event = JSON.parse(String(data)) as Json;
    simKeys.learn(event['channel'] ?? event['peer']);
    simEvents.push(event);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  const translate = (value: string): string => {
    const mapped = idMap.get(value);
    if (mapped !== undefined) return mapped;
    const key = traceKeys.keyOf(value);
    return (key === undefined ? undefined : simKeys.idOf(key)) ?? value;
  };
  const learnIds = (trace: unknown, sim: unknown): void => {
    // Lists come in no fixed order: learn channel names from them, but pair ids only in single objects.
    if (Array.isArray(sim)) return sim.forEach((s) => simKeys.learn(s));
    if (!isObject(trace) || !isObject(sim)) return;
    if (typeof trace['id'] === 'string' && typeof sim['id'] === 'string') idMap.set(trace['id'], sim['id']);
    simKeys.learn(sim);
  };

  const started = performance.now();
  try {
    for (const request of requests.filter((r) => !r.websocket)) {
      const eventsBefore = traceEventEntries.filter((e) => e.t_ms < request.t_ms).length;
      await eventually(() => simEvents.length >= eventsBefore, { timeoutMs: 2000, intervalMs: 1, what: `${eventsBefore} events` }).catch(() => undefined);
      for (const [id, done] of pending) if ((traceResponses.get(id)?.t_ms ?? Infinity) <= request.t_ms) await done;
      const due = started + request.t_ms * timeScale;
      await eventually(() => performance.now() >= due, { intervalMs: 1 });
      const expected = traceResponses.get(request.id);
      const url = new URL(`${sim.url}${request.path.split('/').map((s) => encodeURIComponent(translate(decodeURIComponent(s)))).join('/')}`);
      for (const [k, v] of Object.entries(request.query)) url.searchParams.set(k, translate(String(v)));
      const init: RequestInit = {
        method: request.method,
        headers: {
          Authorization: auth(expected?.status === 401 ? 'wrong' : CREDENTIALS.password),
          ...(request.body === null ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(request.body === null ? {} : { body: JSON.stringify(request.body) }),
      };
      pending.set(
        request.id,
        fetch(url, init).then(async (res) => {
          const text = res.headers.get('content-type')?.includes('json') ? await res.text() : '';
          const body: unknown = text === '' ? binaryOrNull(res, await res.arrayBuffer().catch(() => new ArrayBuffer(0))) : JSON.parse(text);
          simResponses.set(request.id, { status: res.status, body });
          learnIds(expected?.body, body);
        }),
      );
    }
    await Promise.all(pending.values());
    await eventually(() => simEvents.length >= traceEventEntries.length, { timeoutMs: 3000, what: 'all events' }).catch(() => undefined);
    // Let the simulated time run to the end of the trace, so that extra events would show up.
    const end = started + (entries.at(-1)?.t_ms ?? 0) * timeScale + 100;
    await eventually(() => performance.now() >= end, { intervalMs: 5, timeoutMs: 60_000 });
  } finally {
    ws.close();
    await sim.stop();
  }
  return { traceEvents: traceEventEntries.map((e) => e.event), simEvents, traceResponses, simResponses, traceKeys, simKeys };
}

function binaryOrNull(res: Response, buffer: ArrayBuffer): unknown {
  if (buffer.byteLength === 0) return null;
  const bytes = Buffer.from(buffer);
  return { binary: true, bytes: bytes.length, first_bytes_ascii: bytes.subarray(0, 4).toString('ascii') };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
