import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAriEvent } from '../../ari';
import { AriEventMapper } from './ari-event.mapper';

// The mapper replays what a real Asterisk 22 sent (shared/fixtures/ari-traces) for the
// channel the probe originated, and must tell the facts the orchestration needs.
const TRACES = join(__dirname, '../../../../../../shared/fixtures/ari-traces');

type Entry = { kind: string; method?: string; path?: string; status?: number; body?: { id?: string } | null; event?: unknown };

const replay = (file: string) => {
  const entries = JSON.parse(readFileSync(join(TRACES, file), 'utf8')) as Entry[];
  const originated = entries.find((entry) => entry.kind === 'response' && entry.method === 'POST' && entry.path === '/ari/channels' && entry.status === 200);
  const channelId = originated?.body?.id;
  if (channelId === undefined) throw new Error(`${file}: no originated channel`);
  const mapper = new AriEventMapper((id) => id === channelId, () => 0);
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'event') continue;
    const decoded = decodeAriEvent(JSON.stringify(entry.event));
    if (!decoded.ok) throw new Error(`${file}: ${decoded.malformed.reason}`);
    for (const { event } of mapper.map(decoded.event).facts) {
      const { type, at: _at, ...rest } = event;
      lines.push(Object.keys(rest).length === 0 ? type : `${type} ${JSON.stringify(rest)}`);
    }
  }
  return lines;
};

describe('AriEventMapper on the recorded traces', () => {
  it.each([
    ['busy.json', ['HungUp {"cause":17}']],
    ['congestion.json', ['HungUp {"cause":34}']],
    ['busy-hangup17.json', ['HungUp {"cause":17}']],
    ['reject.json', ['HungUp {"cause":21}']],
    ['noanswer.json', ['Ringing', 'HungUp {"cause":19}']],
    ['sip-busy.json', ['HungUp {"cause":17,"sipCode":486}']],
    ['sip-congestion.json', ['HungUp {"cause":34,"sipCode":503}']],
    ['sip-reject.json', ['HungUp {"cause":21,"sipCode":403}']],
    ['sip-noanswer.json', ['Ringing', 'HungUp {"cause":19,"sipCode":480}']],
  ])('%s: %j', (file, facts) => {
    expect(replay(file)).toEqual(facts);
  });

  it('answer-dtmf: one answer, the prompt, the key, and a normal clearing (the soft 32 is not a cause)', () => {
    const lines = replay('answer-dtmf.json');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['Answered', 'PlaybackStarted', 'PlaybackFinished', 'DtmfReceived', 'HungUp']);
    expect(lines.slice(2)).toEqual([expect.stringContaining('"result":"done"'), 'DtmfReceived {"digit":"1"}', 'HungUp {"cause":16}']);
  });

  it('hangup-early: the prompt fails, then the callee hangs up with 16', () => {
    expect(replay('hangup-early.json').slice(-2)).toEqual(['PlaybackFinished {"playbackId":"probe-pb-hangup-early","result":"failed"}', 'HungUp {"cause":16}']);
  });

  it.each([
    ['amd-machine.json', 'machine'],
    ['amd-human.json', 'human'],
  ])('%s: the second StasisStart is the verdict (%s), not a second answer', (file, result) => {
    expect(replay(file)).toEqual(['Answered', `MachineDetectionCompleted {"result":"${result}"}`, 'HungUp {"cause":16}']);
  });

  it('dtmf-during-playback: a stopped prompt is done; two media under one id start once', () => {
    const lines = replay('dtmf-during-playback.json');
    expect(lines.filter((line) => line.startsWith('DtmfReceived'))).toHaveLength(4);
    const playbacks = lines.filter((line) => line.startsWith('Playback'));
    expect(playbacks.filter((line) => line.startsWith('PlaybackStarted'))).toHaveLength(playbacks.filter((line) => line.startsWith('PlaybackFinished')).length);
    expect(playbacks.filter((line) => line.startsWith('PlaybackFinished')).every((line) => line.includes('"result":"done"'))).toBe(true);
  });

  it('talk-detect-human-rtp: talking started and finished with its duration', () => {
    expect(replay('talk-detect-human-rtp.json').filter((line) => line.startsWith('Talking'))).toEqual(['TalkingStarted', 'TalkingFinished {"durationMs":1243}']);
  });

  it('reports an unexpected AMD status with the channel id and reads it as unknown', () => {
    const mapper = new AriEventMapper(() => true, () => 7);
    const decoded = decodeAriEvent(JSON.stringify({ type: 'StasisStart', args: ['amd-done', 'WEIRD'], channel: { id: 'zvc-1', name: 'Local/x@sim-1;1', state: 'Up' } }));
    if (!decoded.ok) throw new Error(decoded.malformed.reason);
    const mapped = mapper.map(decoded.event);
    expect(mapped.facts).toEqual([{ channelId: 'zvc-1', event: { type: 'MachineDetectionCompleted', result: 'unknown', at: 7 } }]);
    expect(mapped.unexpected).toEqual({ channelId: 'zvc-1', reason: 'AMD status "WEIRD" read as unknown' });
  });

  it('says nothing about channels it does not watch (the Local ;2 halves, other apps)', () => {
    const entries = JSON.parse(readFileSync(join(TRACES, 'concurrent.json'), 'utf8')) as Entry[];
    const mapper = new AriEventMapper(() => false, () => 0);
    const facts = entries.flatMap((entry) => {
      const decoded = entry.kind === 'event' ? decodeAriEvent(JSON.stringify(entry.event)) : undefined;
      return decoded?.ok ? mapper.map(decoded.event).facts : [];
    });
    expect(facts).toEqual([]);
  });
});
