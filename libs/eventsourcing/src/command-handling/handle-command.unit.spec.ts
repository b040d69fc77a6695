import { add, close, tallyDecider } from '../../test/tally.decider';
import { ConcurrencyError, IllegalStateError } from '../errors';
import { InMemoryEventStore } from '../in-memory/in-memory.event-store';
import { handleCommand } from './handle-command';

describe('handleCommand', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });
  afterEach(() => store.close());

  it('folds the stream, decides, appends at the revision it read and returns the new state', async () => {
    await handleCommand(store, 'tally-1', tallyDecider, add(2));
    const result = await handleCommand(store, 'tally-1', tallyDecider, add(3));
    expect(result.newState).toEqual({ total: 5, closed: false });
    expect(result.nextExpectedRevision).toBe(1);
    expect(result.newEvents.map(({ type, data }) => ({ type, data }))).toEqual([{ type: 'Added', data: { amount: 3 } }]);
    const stored = await store.readStream('tally-1');
    expect(stored.events.map((event) => event.id)).toEqual([expect.any(String), result.newEvents[0]!.id]);
  });

  it('stamps message id, correlation, causation and trace context from the command', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const { newEvents } = await handleCommand(store, 'tally-2', tallyDecider, add(1, { messageId: 'cmd-1', correlationId: 'conv-1', traceparent }));
    const [stored] = (await store.readStream('tally-2')).events;
    expect(stored!.metadata).toEqual({ messageId: newEvents[0]!.id, correlationId: 'conv-1', causationId: 'cmd-1', traceparent });
  });

  it('starts a correlation at the command when it carries none', async () => {
    await handleCommand(store, 'tally-3', tallyDecider, add(1, { messageId: 'cmd-9' }));
    const [stored] = (await store.readStream('tally-3')).events;
    expect(stored!.metadata).toMatchObject({ correlationId: 'cmd-9', causationId: 'cmd-9' });
  });

  it('appends nothing when the decider decides nothing', async () => {
    await handleCommand(store, 'tally-4', tallyDecider, close());
    const again = await handleCommand(store, 'tally-4', tallyDecider, close());
    expect(again).toEqual({ newEvents: [], nextExpectedRevision: 0, newState: { total: 0, closed: true } });
    expect((await store.readStream('tally-4')).events).toHaveLength(1);
  });

  it('lets a domain error through without retrying or appending', async () => {
    await handleCommand(store, 'tally-5', tallyDecider, close());
    await expect(handleCommand(store, 'tally-5', tallyDecider, add(1), { retry: { onVersionConflict: 3 } })).rejects.toBeInstanceOf(IllegalStateError);
    expect((await store.readStream('tally-5')).events).toHaveLength(1);
  });

  it('fails racing writers with a ConcurrencyError when no retry is allowed', async () => {
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => handleCommand(store, 'tally-6', tallyDecider, add(n))));
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected).toHaveLength(3);
    for (const { reason } of rejected) expect(reason).toBeInstanceOf(ConcurrencyError);
  });

  it('re-reads and re-decides on a conflict, so every racing writer lands within its retries', async () => {
    const amounts = [1, 2, 3, 4, 5, 6];
    await Promise.all(amounts.map((n) => handleCommand(store, 'tally-7', tallyDecider, add(n), { retry: { onVersionConflict: amounts.length } })));
    const { events } = await store.readStream('tally-7');
    expect(events.map((event) => event.streamRevision)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.reduce((sum, event) => sum + Number(event.data['amount']), 0)).toBe(21);
  });

  it('gives up after the allowed retries', async () => {
    const racing = [1, 2, 3, 4].map((n) => handleCommand(store, 'tally-8', tallyDecider, add(n), { retry: { onVersionConflict: 1 } }));
    const results = await Promise.allSettled(racing);
    // Round 1: one of four lands; round 2: one of the three retries lands; the last two give up.
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
  });
});
