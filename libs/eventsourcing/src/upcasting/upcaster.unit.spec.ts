import { InMemoryEventStore } from '../in-memory/in-memory.event-store';
import type { RecordedEvent } from '../event';
import { UpcasterRegistry, type Upcaster } from './upcaster';
import { withUpcasting } from './upcasting.event-store';

// CallEnded once stored `durationMs`, then `{ talkMs }`, now `{ talkMs, cause }`.
const v1ToV2: Upcaster = {
  type: 'CallEnded',
  appliesTo: (event) => 'durationMs' in event.data,
  upcast: (event) => ({ type: 'CallEnded', data: { talkMs: event.data['durationMs'] } }),
};
const v2ToV3: Upcaster = {
  type: 'CallEnded',
  appliesTo: (event) => !('cause' in event.data),
  upcast: (event) => ({ type: 'CallEnded', data: { ...event.data, cause: 'unknown' }, metadata: { upcastFrom: 2 } }),
};

describe('upcasting on read', () => {
  const registry = new UpcasterRegistry([v1ToV2, v2ToV3]);

  it('lifts a V1 event through every later shape and keeps its identity and position', async () => {
    const raw = new InMemoryEventStore();
    await raw.appendToStream('call-1', [{ type: 'CallEnded', data: { durationMs: 1200 } }]);
    const store = withUpcasting(raw, registry);
    const [event] = (await store.readStream('call-1')).events;
    const [stored] = (await raw.readStream('call-1')).events;
    expect(event!.data).toEqual({ talkMs: 1200, cause: 'unknown' });
    expect(event).toMatchObject({ id: stored!.id, streamRevision: 0, checkpoint: stored!.checkpoint });
    expect(event!.metadata).toMatchObject({ messageId: stored!.id, upcastFrom: 2 });
  });

  it('leaves current shapes and other types alone', () => {
    const current = { type: 'CallEnded', data: { talkMs: 5, cause: 'normal' }, metadata: {} } as unknown as RecordedEvent;
    const other = { type: 'CallAnswered', data: { durationMs: 1 }, metadata: {} } as unknown as RecordedEvent;
    expect(registry.upcast(current)).toBe(current);
    expect(registry.upcast(other)).toBe(other);
  });

  it('upcasts in readAll and in subscriptions too', async () => {
    const raw = new InMemoryEventStore();
    await raw.appendToStream('call-2', [{ type: 'CallEnded', data: { durationMs: 7 } }]);
    const store = withUpcasting(raw, registry);
    expect((await store.readAll()).events.map((event) => event.data)).toEqual([{ talkMs: 7, cause: 'unknown' }]);
    const seen: unknown[] = [];
    const subscription = store.subscribe({ subscriberId: 'reader', handler: async (events) => void seen.push(...events.map((event) => event.data)) });
    await subscription.start();
    await subscription.waitForIdle();
    await store.close();
    expect(seen).toEqual([{ talkMs: 7, cause: 'unknown' }]);
  });
});
