import { project, shapeOf, streamOf } from './projection';
import type { ReplayRun } from './replayer';

type Json = Record<string, unknown>;

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;
const UNIQUE_ID = /^\d+\.\d+$/;

function byStream(events: Json[], run: ReplayRun, side: 'trace' | 'sim'): Map<string, Json[]> {
  const keys = side === 'trace' ? run.traceKeys : run.simKeys;
  const streams = new Map<string, Json[]>();
  for (const event of events) {
    const stream = streamOf(event, keys);
    streams.set(stream, [...(streams.get(stream) ?? []), event]);
  }
  return streams;
}

/**
 * Differences between a trace and its replay, as readable lines (empty = match).
 * - Events are compared per channel (and per bridge): types and order, channel states, causes
 *   and cause_txt, dial statuses, variables, args, digits, playback/recording states. Real
 *   Asterisk interleaves the streams of different channels (`;1`/`;2` halves, concurrent
 *   calls) differently from run to run, so the order *across* streams is not compared.
 * - Every event must have the same shape (keys and value types, recursively) as its trace twin,
 *   happen at the same time (±100 ms + 1%, relative to the run's first event) and report the
 *   same talking / recording durations (with a tolerance).
 * - Responses: same status for every request; same body shape; error bodies verbatim.
 * - Timestamps, ids and asterisk_id: the recorded formats.
 */
export function compareRun(run: ReplayRun): string[] {
  const diffs: string[] = [];
  const traceStart = Math.min(...run.traceEvents.map(timeOf));
  const simStart = Math.min(...run.simEvents.map(timeOf));
  const traceStreams = byStream(run.traceEvents, run, 'trace');
  const simStreams = byStream(run.simEvents, run, 'sim');
  for (const stream of new Set([...traceStreams.keys(), ...simStreams.keys()])) {
    const expected = traceStreams.get(stream) ?? [];
    const actual = simStreams.get(stream) ?? [];
    const want = expected.map((e) => project(e, run.traceKeys));
    const got = actual.map((e) => project(e, run.simKeys));
    if (want.join('\n') !== got.join('\n')) {
      diffs.push(`events of ${stream}:\n  expected:\n    ${want.join('\n    ')}\n  actual:\n    ${got.join('\n    ')}`);
      continue;
    }
    expected.forEach((e, i) => {
      const a = actual[i];
      if (shapeOf(e) !== shapeOf(a)) diffs.push(`shape of ${stream} #${i} ${String(e['type'])}:\n  expected ${shapeOf(e)}\n  actual   ${shapeOf(a)}`);
      const drift = durationDrift(e, a ?? {}) ?? timeDrift(e, traceStart, a ?? {}, simStart);
      if (drift) diffs.push(`${stream} #${i} ${String(e['type'])}: ${drift}`);
    });
  }
  for (const event of run.simEvents) {
    if (typeof event['timestamp'] !== 'string' || !TIMESTAMP.test(event['timestamp'])) diffs.push(`timestamp format: ${String(event['timestamp'])}`);
    if (event['asterisk_id'] !== '02:fc:00:00:00:01') diffs.push(`asterisk_id: ${String(event['asterisk_id'])}`);
  }
  for (const [id, expected] of run.traceResponses) {
    if (expected.status === 101) continue;
    const actual = run.simResponses.get(id);
    if (!actual) {
      diffs.push(`request ${id}: no response`);
      continue;
    }
    const expectedState = channelState(expected.body);
    if (expectedState !== undefined && channelState(actual.body) !== expectedState) {
      diffs.push(`request ${id}: channel state ${String(channelState(actual.body))}, expected ${expectedState}`);
    }
    if (actual.status !== expected.status) diffs.push(`request ${id}: status ${actual.status}, expected ${expected.status} ${JSON.stringify(expected.body)}`);
    else if (expected.status >= 400 && JSON.stringify(actual.body) !== JSON.stringify(expected.body)) {
      diffs.push(`request ${id}: body ${JSON.stringify(actual.body)}, expected ${JSON.stringify(expected.body)}`);
    } else if (shapeOf(actual.body) !== shapeOf(expected.body)) {
      diffs.push(`request ${id}: body shape\n  expected ${shapeOf(expected.body)}\n  actual   ${shapeOf(actual.body)}`);
    }
    const expectedId = (expected.body as Json | null)?.['id'];
    const actualId = (actual.body as Json | null)?.['id'];
    if (typeof expectedId === 'string' && UNIQUE_ID.test(expectedId) && !(typeof actualId === 'string' && UNIQUE_ID.test(actualId))) {
      diffs.push(`request ${id}: id ${String(actualId)} is not <unix-seconds>.<sequence>`);
    }
  }
  return diffs;
}

function channelState(body: unknown): string | undefined {
  const record = body as Json | null;
  return record && typeof record === 'object' && 'dialplan' in record && typeof record['state'] === 'string' ? record['state'] : undefined;
}

/**
 * Durations that Asterisk measured and reported: talking time (ms) and recording length (whole
 * seconds). They depend on when the probe acted, so they are compared with a tolerance.
 */
function durationDrift(expected: Json, actual: Json): string | undefined {
  if (expected['type'] === 'ChannelTalkingFinished') {
    const [want, got] = [Number(expected['duration']), Number(actual['duration'])];
    if (Math.abs(want - got) > 150) return `talking duration ${got} ms, expected ${want} ms (±150)`;
  }
  if (expected['type'] === 'RecordingFinished') {
    const want = Number((expected['recording'] as Json)['duration']);
    const got = Number((actual['recording'] as Json | undefined)?.['duration']);
    if (Math.abs(want - got) > 1) return `recording duration ${got} s, expected ${want} s (±1)`;
  }
  return undefined;
}

const timeOf = (event: Json): number => Date.parse(String(event['timestamp']).replace(/\+0000$/, 'Z'));

// Timing: when each event happened, from its `timestamp`, relative to the first event of the run.
// The replay sends every request at its trace time on a virtual clock, so what remains is the
// simulator's model of Asterisk's timing: prompt lengths, waits, DTMF spacing, Answer()'s media
// wait, TALK_DETECT thresholds, AMD, timeouts.
const TIME_TOLERANCE_MS = 100;

function timeDrift(expected: Json, traceStart: number, actual: Json, simStart: number): string | undefined {
  const want = timeOf(expected) - traceStart;
  const got = timeOf(actual) - simStart;
  const tolerance = TIME_TOLERANCE_MS + want * 0.01;
  return Math.abs(want - got) > tolerance ? `at ${got} ms, expected ${want} ms (±${Math.round(tolerance)})` : undefined;
}
