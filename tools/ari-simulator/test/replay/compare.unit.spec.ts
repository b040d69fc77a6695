import { ChannelKeys } from './channel-keys';
import { compareRun } from './compare';
import type { ReplayRun } from './replayer';
import { loadTrace, type TraceEvent, type TraceResponse } from './trace';

type Json = Record<string, unknown>;

// The replay comparison must catch what it claims to check: feed it the trace itself as the
// "simulator" side, then the trace with one fact changed.
function runOf(file: string, mutate: (events: Json[]) => void = () => undefined): ReplayRun {
  const entries = loadTrace(file);
  const traceEvents = entries.filter((e): e is TraceEvent => e.kind === 'event').map((e) => e.event);
  const simEvents = JSON.parse(JSON.stringify(traceEvents)) as Json[];
  mutate(simEvents);
  const responses = entries.filter((e): e is TraceResponse => e.kind === 'response');
  const keys = (events: Json[]): ChannelKeys => {
    const k = new ChannelKeys();
    for (const e of events) k.learn(e['channel'] ?? e['peer']);
    return k;
  };
  return {
    traceEvents,
    traceRequestTimes: entries.filter((e) => e.kind === 'request').map((e) => e.t_ms),
    traceEventTimes: entries.filter((e): e is TraceEvent => e.kind === 'event').map((e) => e.t_ms),
    simEvents,
    traceResponses: new Map(responses.map((r) => [r.id, r])),
    simResponses: new Map(responses.map((r) => [r.id, { status: r.status, body: r.body }])),
    traceKeys: keys(traceEvents),
    simKeys: keys(simEvents),
  };
}

const destroyedOf = (events: Json[]): Json => {
  const event = events.find((e) => e['type'] === 'ChannelDestroyed');
  if (!event) throw new Error('no ChannelDestroyed');
  return event;
};

describe('compareRun', () => {
  test('a trace matches itself', () => {
    expect(compareRun(runOf('answer-dtmf.json'))).toEqual([]);
  });

  test('a different hangup cause is a difference', () => {
    expect(compareRun(runOf('busy.json', (events) => (destroyedOf(events)['cause'] = 17))).join('\n')).toMatch(/events of Local\/busy@sim-#0;1/);
  });

  test('a changed field type is a shape difference', () => {
    const diffs = compareRun(runOf('answer-dtmf.json', (events) => (destroyedOf(events)['extra'] = 1)));
    expect(diffs.join('\n')).toMatch(/shape of .* ChannelDestroyed/);
  });

  test('a prompt that plays for the wrong time is a timing difference', () => {
    const diffs = compareRun(
      runOf('answer-dtmf.json', (events) => {
        const finished = events.find((e) => e['type'] === 'PlaybackFinished');
        if (!finished) throw new Error('no PlaybackFinished');
        finished['timestamp'] = String(finished['timestamp']).replace(/:(\d\d)\./, (_m, sec: string) => `:${String(Number(sec) + 1).padStart(2, '0')}.`);
      }),
    );
    expect(diffs.join('\n')).toMatch(/PlaybackFinished: at \d+ ms, expected \d+ ms/);
  });

  test('swapped events within one channel are a difference, across channels they are not', () => {
    const swapWithin = runOf('answer-dtmf.json', (events) => {
      const i = events.findIndex((e) => e['type'] === 'StasisEnd');
      const [a, b] = [events[i - 1], events[i]];
      if (!a || !b) throw new Error('no StasisEnd');
      [events[i - 1], events[i]] = [b, a];
    });
    expect(compareRun(swapWithin)).not.toEqual([]);
    const swapAcross = runOf('answer-dtmf.json', (events) => {
      // ChannelDialplan(;2 Answer) and ChannelStateChange(;2) vs Dial(;1): move the first ;1 event after the ;2 ones.
      const first = events.shift();
      if (!first) throw new Error('empty');
      events.splice(2, 0, first);
    });
    expect(compareRun(swapAcross)).toEqual([]);
  });
});
