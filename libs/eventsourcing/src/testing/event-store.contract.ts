import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { ConcurrencyError } from '../errors';
import type { Event, NewEvent, RecordedEvent } from '../event';
import type { EventStore, ExpectedRevision, Subscription } from '../event-store.port';
import { streamId } from '../stream-id';

type Noted = Event<'Noted', { n: number }>;

const noted = (n: number, id?: string): NewEvent<Noted> => (id ? { type: 'Noted', data: { n }, id } : { type: 'Noted', data: { n } });
const notes = (...values: number[]): NewEvent<Noted>[] => values.map((n) => noted(n));
const dataOf = (events: readonly RecordedEvent[]): unknown[] => events.map((event) => event.data['n']);
/** Every test writes to categories of its own, so the suite also runs on a shared store. */
const aCategory = (): string => `c${randomBytes(5).toString('hex')}`;
const aStream = (category = aCategory()): string => streamId(category, randomBytes(6).toString('hex'));

/**
 * The behaviour every EventStore adapter must show. `makeStore` is called before each test and
 * the store is closed after it.
 */
export function describeEventStoreContract(name: string, makeStore: () => Promise<EventStore>): void {
  describe(`${name} (EventStore contract)`, () => {
    let store: EventStore;
    const subscriptions: Subscription[] = [];

    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
      await store.close();
    });

    const expectConflict = async (stream: string, expectedRevision: ExpectedRevision, actual: string) => {
      const attempt = store.appendToStream(stream, notes(99), { expectedRevision });
      await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(attempt).rejects.toMatchObject({ streamId: stream, expected: String(expectedRevision), actual, code: 'WRONG_EXPECTED_REVISION' });
    };

    describe('appendToStream', () => {
      it('numbers a new stream from revision 0 and returns the last revision', async () => {
        const stream = aStream();
        const result = await store.appendToStream(stream, notes(1, 2, 3), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(2);
        const read = await store.readStream(stream);
        expect(read.currentRevision).toBe(2);
        expect(read.events.map((event) => [event.streamId, event.streamRevision, event.type])).toEqual([
          [stream, 0, 'Noted'],
          [stream, 1, 'Noted'],
          [stream, 2, 'Noted'],
        ]);
        expect(dataOf(read.events)).toEqual([1, 2, 3]);
        expect(read.events[2]!.checkpoint).toBe(result.lastCheckpoint);
      });

      it('keeps given ids, generates missing ones, and stamps messageId with the event id', async () => {
        const stream = aStream();
        const id = uuidv7();
        await store.appendToStream(stream, [noted(1, id), noted(2)]);
        const [first, second] = (await store.readStream(stream)).events;
        expect(first!.id).toBe(id);
        expect(second!.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(first!.metadata.messageId).toBe(id);
        expect(second!.metadata.messageId).toBe(second!.id);
        expect(first!.recordedAt).toBeInstanceOf(Date);
      });

      it('keeps metadata given by the writer', async () => {
        const stream = aStream();
        await store.appendToStream(stream, [{ type: 'Noted', data: { n: 1 }, metadata: { correlationId: 'corr-1', causationId: 'cause-1' } }]);
        const [event] = (await store.readStream(stream)).events;
        expect(event!.metadata).toMatchObject({ correlationId: 'corr-1', causationId: 'cause-1' });
      });

      it('accepts the exact current revision and refuses any other number', async () => {
        const stream = aStream();
        await store.appendToStream(stream, notes(1, 2));
        await expectConflict(stream, 0, '1');
        await expectConflict(stream, 2, '1');
        const result = await store.appendToStream(stream, notes(3), { expectedRevision: 1 });
        expect(result.nextExpectedRevision).toBe(2);
        expect(dataOf((await store.readStream(stream)).events)).toEqual([1, 2, 3]);
      });

      it('refuses a numeric revision on a missing stream', async () => {
        await expectConflict(aStream(), 0, 'no_stream');
      });

      it("refuses 'no_stream' once the stream exists", async () => {
        const stream = aStream();
        await store.appendToStream(stream, notes(1), { expectedRevision: 'no_stream' });
        await expectConflict(stream, 'no_stream', '0');
      });

      it("refuses 'stream_exists' on a missing stream and accepts it on an existing one", async () => {
        const stream = aStream();
        await expectConflict(stream, 'stream_exists', 'no_stream');
        await store.appendToStream(stream, notes(1));
        await expect(store.appendToStream(stream, notes(2), { expectedRevision: 'stream_exists' })).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });

      it("appends with 'any' (and by default) whatever the stream holds", async () => {
        const stream = aStream();
        await store.appendToStream(stream, notes(1), { expectedRevision: 'any' });
        await store.appendToStream(stream, notes(2), { expectedRevision: 'any' });
        await store.appendToStream(stream, notes(3));
        expect((await store.readStream(stream)).currentRevision).toBe(2);
      });

      it('stores nothing from a refused batch', async () => {
        const stream = aStream();
        await store.appendToStream(stream, notes(1));
        await expect(store.appendToStream(stream, notes(2, 3), { expectedRevision: 5 })).rejects.toBeInstanceOf(ConcurrencyError);
        expect(dataOf((await store.readStream(stream)).events)).toEqual([1]);
      });

      it('lets exactly one of several racing writers with the same expected revision win', async () => {
        const stream = aStream();
        await store.appendToStream(stream, notes(0));
        const racers = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => store.appendToStream(stream, notes(n), { expectedRevision: 0 })));
        expect(racers.filter((racer) => racer.status === 'fulfilled')).toHaveLength(1);
        for (const racer of racers) if (racer.status === 'rejected') expect(racer.reason).toBeInstanceOf(ConcurrencyError);
        expect((await store.readStream(stream)).events).toHaveLength(2);
      });

      it('stores the same events once when they are appended twice (idempotent on event id)', async () => {
        const stream = aStream();
        const batch = [noted(1, uuidv7()), noted(2, uuidv7())];
        const first = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        // A retried request repeats its stale expected revision: still the same write, not a conflict.
        const second = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
        expect(second).toEqual(first);
        const read = await store.readStream(stream);
        expect(read.events.map((event) => event.id)).toEqual(batch.map((event) => event.id));
        await store.appendToStream(stream, batch);
        expect((await store.readStream(stream)).events).toHaveLength(2);
      });

      it('stores a single event once, whatever expected revision the repeat carries', async () => {
        const stream = aStream();
        const event = noted(1, uuidv7());
        const first = await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
        await store.appendToStream(stream, notes(2));
        expect(await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' })).toEqual(first);
        expect(await store.appendToStream(stream, [event], { expectedRevision: 'any' })).toEqual(first);
        expect(await store.appendToStream(stream, [event], { expectedRevision: 1 })).toEqual(first);
        expect(dataOf((await store.readStream(stream)).events)).toEqual([1, 2]);
      });

      it('refuses an event id already stored in another stream', async () => {
        const event = noted(1, uuidv7());
        await store.appendToStream(aStream(), [event]);
        const elsewhere = aStream();
        await expect(store.appendToStream(elsewhere, [event])).rejects.toBeInstanceOf(ConcurrencyError);
        expect((await store.readStream(elsewhere)).events).toEqual([]);
      });

      it('refuses a batch that mixes stored and new event ids', async () => {
        const stream = aStream();
        const stored = noted(1, uuidv7());
        await store.appendToStream(stream, [stored]);
        await expect(store.appendToStream(stream, [stored, noted(2, uuidv7())])).rejects.toBeInstanceOf(ConcurrencyError);
        expect((await store.readStream(stream)).events).toHaveLength(1);
      });
    });

    describe('readStream', () => {
      it('reads a missing stream as empty with no revision', async () => {
        expect(await store.readStream(aStream())).toEqual({ events: [], currentRevision: null });
      });

      it('pages by revision', async () => {
        const stream = aStream();
        await store.appendToStream(stream, notes(0, 1, 2, 3, 4, 5, 6));
        const page = await store.readStream(stream, { fromRevision: 2, maxCount: 3 });
        expect(page.events.map((event) => event.streamRevision)).toEqual([2, 3, 4]);
        expect(page.currentRevision).toBe(6);
        expect((await store.readStream(stream, { fromRevision: 5 })).events.map((event) => event.streamRevision)).toEqual([5, 6]);
        expect((await store.readStream(stream, { fromRevision: 9 })).events).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('returns events of several streams in append order and continues after a checkpoint', async () => {
        const category = aCategory();
        const [a, b] = [aStream(category), aStream(category)];
        await store.appendToStream(a, notes(1, 2));
        await store.appendToStream(b, notes(3));
        await store.appendToStream(a, notes(4));
        const all = await store.readAll({ categories: [category] });
        expect(dataOf(all.events)).toEqual([1, 2, 3, 4]);
        const rest = await store.readAll({ categories: [category], after: all.events[1]!.checkpoint });
        expect(dataOf(rest.events)).toEqual([3, 4]);
        const none = await store.readAll({ categories: [category], after: all.checkpoint });
        expect(none.events).toEqual([]);
      });

      it('pages with maxCount without losing or repeating an event', async () => {
        const category = aCategory();
        for (let n = 0; n < 7; n += 1) await store.appendToStream(aStream(category), notes(n));
        const seen: unknown[] = [];
        let after = undefined as Awaited<ReturnType<EventStore['readAll']>>['checkpoint'];
        for (let page = 0; page < 10; page += 1) {
          const result = await store.readAll({ categories: [category], after, maxCount: 3 });
          seen.push(...dataOf(result.events));
          after = result.checkpoint;
          if (result.events.length === 0) break;
        }
        expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
      });

      it('filters by category', async () => {
        const [calls, bills] = [aCategory(), aCategory()];
        await store.appendToStream(aStream(calls), notes(1));
        await store.appendToStream(aStream(bills), notes(2));
        await store.appendToStream(aStream(calls), notes(3));
        expect(dataOf((await store.readAll({ categories: [calls] })).events)).toEqual([1, 3]);
        expect(dataOf((await store.readAll({ categories: [bills, calls] })).events)).toEqual([1, 2, 3]);
      });
    });

    describe('subscribe', () => {
      const collector = () => {
        const seen: RecordedEvent[] = [];
        return { seen, handler: async (events: readonly RecordedEvent[]) => void seen.push(...events) };
      };
      const follow = (subscriberId: string, categories: string[], handler: (events: readonly RecordedEvent[]) => Promise<void>, batchSize?: number) => {
        const subscription = store.subscribe({ subscriberId, categories, handler, ...(batchSize ? { batchSize } : {}) });
        subscriptions.push(subscription);
        return subscription;
      };

      it('catches up on stored events, then follows live ones in order', async () => {
        const category = aCategory();
        await store.appendToStream(aStream(category), notes(1, 2));
        const { seen, handler } = collector();
        const subscription = follow(`s-${category}`, [category], handler, 2);
        await subscription.start();
        await store.appendToStream(aStream(category), notes(3));
        await store.appendToStream(aStream(category), notes(4, 5));
        await subscription.waitForIdle();
        expect(dataOf(seen)).toEqual([1, 2, 3, 4, 5]);
      });

      it('only delivers the categories asked for', async () => {
        const [wanted, other] = [aCategory(), aCategory()];
        const { seen, handler } = collector();
        const subscription = follow(`s-${wanted}`, [wanted], handler);
        await subscription.start();
        await store.appendToStream(aStream(other), notes(1));
        await store.appendToStream(aStream(wanted), notes(2));
        await store.appendToStream(aStream(other), notes(3));
        await subscription.waitForIdle();
        expect(dataOf(seen)).toEqual([2]);
      });

      it('resumes from its stored checkpoint after stop and start, under the same subscriber id', async () => {
        const category = aCategory();
        const subscriberId = `s-${category}`;
        const first = collector();
        const before = follow(subscriberId, [category], first.handler);
        await before.start();
        await store.appendToStream(aStream(category), notes(1, 2));
        await before.waitForIdle();
        await before.stop();

        await store.appendToStream(aStream(category), notes(3));
        const second = collector();
        const after = follow(subscriberId, [category], second.handler);
        await after.start();
        await after.waitForIdle();
        expect(dataOf(first.seen)).toEqual([1, 2]);
        expect(dataOf(second.seen)).toEqual([3]);

        await after.stop();
        await store.appendToStream(aStream(category), notes(4));
        await after.start();
        await after.waitForIdle();
        expect(dataOf(second.seen)).toEqual([3, 4]);
      });

      it('keeps one checkpoint per subscriber id', async () => {
        const category = aCategory();
        await store.appendToStream(aStream(category), notes(1));
        const early = collector();
        const one = follow(`early-${category}`, [category], early.handler);
        await one.start();
        await one.waitForIdle();
        await store.appendToStream(aStream(category), notes(2));
        const late = collector();
        const two = follow(`late-${category}`, [category], late.handler);
        await two.start();
        await Promise.all([one.waitForIdle(), two.waitForIdle()]);
        expect(dataOf(early.seen)).toEqual([1, 2]);
        expect(dataOf(late.seen)).toEqual([1, 2]);
      });

      it('redelivers a batch whose handler failed instead of skipping it', async () => {
        const category = aCategory();
        const seen: RecordedEvent[] = [];
        let failures = 0;
        const subscription = follow(`s-${category}`, [category], async (events) => {
          if (failures < 2) {
            failures += 1;
            throw new Error('handler down');
          }
          seen.push(...events);
        });
        await store.appendToStream(aStream(category), notes(1, 2));
        await subscription.start();
        await subscription.waitForIdle();
        expect(failures).toBe(2);
        expect(dataOf(seen)).toEqual([1, 2]);
      });

      it('waitForIdle waits for events appended just before it is called', async () => {
        const category = aCategory();
        const { seen, handler } = collector();
        const subscription = follow(`s-${category}`, [category], handler, 1);
        await subscription.start();
        const stream = aStream(category);
        for (let n = 0; n < 20; n += 1) await store.appendToStream(stream, notes(n));
        await subscription.waitForIdle();
        expect(seen).toHaveLength(20);
      });
    });
  });
}
