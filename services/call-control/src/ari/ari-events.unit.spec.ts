import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAriEvent } from './ari-events';

const TRACES = join(__dirname, '../../../../../shared/fixtures/ari-traces');

function recordedEvents(): string[] {
  return readdirSync(TRACES)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => (JSON.parse(readFileSync(join(TRACES, f), 'utf8')) as Array<{ kind: string; event?: unknown }>).filter((e) => e.kind === 'event').map((e) => JSON.stringify(e.event)));
}

describe('decodeAriEvent', () => {
  test('accepts every event a real Asterisk sent in the recorded traces', () => {
    const events = recordedEvents();
    expect(events.length).toBeGreaterThan(600);
    const rejected = events.map(decodeAriEvent).filter((d) => !d.ok);
    expect(rejected).toEqual([]);
  });

  test.each([
    ['not JSON', '{"type":', undefined],
    ['not a JSON object', '[1,2]', undefined],
    ['no event type', '{"channel":{"id":"c-1","name":"x","state":"Up"}}', 'c-1'],
    ['unexpected event type ChannelHold', '{"type":"ChannelHold","channel":{"id":"c-2","name":"x","state":"Up"}}', 'c-2'],
    ['StasisStart without channel', '{"type":"StasisStart","args":[]}', undefined],
    ['ChannelDestroyed.channel without id', '{"type":"ChannelDestroyed","cause":16,"cause_txt":"Normal Clearing","channel":{"name":"x","state":"Up"}}', undefined],
    ['ChannelDestroyed.cause is not a number', '{"type":"ChannelDestroyed","cause":"16","cause_txt":"Normal Clearing","channel":{"id":"c-3","name":"x","state":"Up"}}', 'c-3'],
    ['ChannelDtmfReceived.digit is not a string', '{"type":"ChannelDtmfReceived","duration_ms":100,"channel":{"id":"c-4","name":"x","state":"Up"}}', 'c-4'],
    ['PlaybackFinished.playback without state', '{"type":"PlaybackFinished","playback":{"id":"p","target_uri":"channel:c-5"}}', 'c-5'],
  ])('reports %s with the channel id when there is one', (reason, raw, channelId) => {
    expect(decodeAriEvent(raw)).toEqual({ ok: false, malformed: { reason, channelId, raw } });
  });
});
