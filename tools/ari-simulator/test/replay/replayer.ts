import { eventually } from '@zvonar/testing';
import WebSocket from 'ws';
import { ManualScheduler, startAriSimulator } from '../../src';
import { ChannelKeys } from './channel-keys';
import type { TraceEntry, TraceEvent, TraceRequest, TraceResponse } from './trace';

type Json = Record<string, unknown>;

export interface ReplayRun {
  traceEvents: TraceEvent['event'][];
  /** When the probe sent each request (trace clock), to tell reactions from autonomous timing. */
  traceRequestTimes: number[];
  /** When the probe received each trace event (same clock), parallel to `traceEvents`. */
  traceEventTimes: number[];
  simEvents: Json[];
  traceResponses: Map<number, TraceResponse>;
  simResponses: Map<number, { status: number; body: unknown }>;
  traceKeys: ChannelKeys;
  simKeys: ChannelKeys;
}

const CREDENTIALS = { username: 'probe', password: 'probe-secret' };
const auth = (password: string): string => `Basic ${Buffer.from(`${CREDENTIALS.username}:${password}`).toString('base64')}`;

/**
 * Drives a fresh simulator through the requests of one trace and collects what it answers and
 * sends. Simulated time is a ManualScheduler moved by the replay itself: each request goes out
 * at the trace's time, after every timer due before it has fired and the simulator has gone
 * quiet (answers received or parked behind a playback, events delivered). The outcome thus
 * does not depend on machine load, and replays run faster than real time.
 */
export async function replay(entries: TraceEntry[]): Promise<ReplayRun> {
  const requests = entries.filter((e): e is TraceRequest => e.kind === 'request');
  const traceResponses = new Map(entries.filter((e): e is TraceResponse => e.kind === 'response').map((r) => [r.id, r]));
  const traceEventEntries = entries.filter((e): e is TraceEvent => e.kind === 'event');
  const traceKeys = new ChannelKeys();
  for (const entry of entries) {
    if (entry.kind === 'event') traceKeys.learn(entry.event['channel'] ?? entry.event['peer']);
    if (entry.kind === 'response') for (const c of Array.isArray(entry.body) ? entry.body : [entry.body]) traceKeys.learn(c);
  }

  const clock = new ManualScheduler();
  const epoch = clock.now();
  const sim = await startAriSimulator({ scheduler: clock, credentials: CREDENTIALS });
  const { activity } = sim.core;
  const simKeys = new ChannelKeys();
  const simEvents: Json[] = [];
  const simResponses = new Map<number, { status: number; body: unknown }>();
  const idMap = new Map<string, string>();
  const pending = new Set<number>();
  let sent = 0;
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

  // Quiet: every request sent has arrived and is answered or parked; every event is delivered.
  const settle = (): Promise<unknown> =>
    eventually(() => activity.received === sent && pending.size === activity.parked && activity.inflight === activity.parked && simEvents.length === activity.delivered, {
      intervalMs: 1,
      what: 'the simulator to go quiet',
    });
  const advanceTo = async (tMs: number): Promise<void> => {
    await settle();
    while (clock.runNext(epoch + tMs)) await settle();
    clock.setNow(epoch + tMs);
  };

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

  try {
    for (const request of requests.filter((r) => !r.websocket)) {
      await advanceTo(request.t_ms);
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
      sent += 1;
      pending.add(request.id);
      void fetch(url, init).then(async (res) => {
        const text = res.headers.get('content-type')?.includes('json') ? await res.text() : '';
        const body: unknown = text === '' ? binaryOrNull(await res.arrayBuffer()) : JSON.parse(text);
        simResponses.set(request.id, { status: res.status, body });
        learnIds(expected?.body, body);
        pending.delete(request.id);
      });
    }
    await advanceTo(entries.at(-1)?.t_ms ?? 0);
  } finally {
    ws.close();
    await sim.stop();
  }
  return {
    traceEvents: traceEventEntries.map((e) => e.event),
    traceRequestTimes: requests.filter((r) => !r.websocket).map((r) => r.t_ms),
    traceEventTimes: traceEventEntries.map((e) => e.t_ms),
    simEvents,
    traceResponses,
    simResponses,
    traceKeys,
    simKeys,
  };
}

function binaryOrNull(buffer: ArrayBuffer): unknown {
  if (buffer.byteLength === 0) return null;
  const bytes = Buffer.from(buffer);
  return { binary: true, bytes: bytes.length, first_bytes_ascii: bytes.subarray(0, 4).toString('ascii') };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
