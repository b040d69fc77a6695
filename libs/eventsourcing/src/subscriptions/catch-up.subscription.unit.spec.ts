import { InMemoryEventStore } from '../in-memory/in-memory.event-store';

describe('CatchUpSubscription', () => {
  it('stops promptly when stop() comes while a batch is in the handler', async () => {
    // A polling interval far beyond jest's timeout: only the stop signal can end the loop in time.
    const store = new InMemoryEventStore({ pollIntervalMs: 600_000 });
    await store.appendToStream('thing-1', [{ type: 'Noted', data: {} }]);
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const subscription = store.subscribe({
      subscriberId: 'slow',
      handler: () => {
        entered();
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    await subscription.start();
    await inHandler;
    const stopped = subscription.stop();
    release();
    await stopped;
    await store.close();
  });
});
