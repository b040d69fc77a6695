import { InMemoryIntegrationBus } from '@zvonar/messaging';
import { BackgroundSubscription } from './background-subscription';
import type { IntegrationBus } from './integration-bus.factory';

/** An in-memory bus that records being closed. */
function aBus(): IntegrationBus & { closed: boolean } {
  const bus = new InMemoryIntegrationBus() as InMemoryIntegrationBus & { close(): Promise<void>; closed: boolean };
  bus.closed = false;
  bus.close = async () => {
    bus.closed = true;
  };
  return bus;
}

const subscribeTo = (bus: IntegrationBus) => bus.subscribe({ group: 'g', topics: ['zvonar.test.thing.v1'], decode: (payload) => payload, handle: async () => undefined });

describe('BackgroundSubscription', () => {
  it('keeps trying until the bus takes the member, then reports joined', async () => {
    const retries: number[] = [];
    let tries = 0;
    const subscription = new BackgroundSubscription({
      connect: async () => {
        tries += 1;
        if (tries < 3) throw new Error('the bus is not there yet');
        return aBus();
      },
      subscribe: subscribeTo,
      onRetry: (_error, retryInMs) => retries.push(retryInMs),
      maxBackoffMs: 1,
    });

    await subscription.start();

    expect({ joined: subscription.joined, tries, retries: retries.length }).toEqual({ joined: true, tries: 3, retries: 2 });
    await subscription.stop();
  });

  it('closes the bus a failed subscribe opened, and the one it joined on when stopped', async () => {
    const opened: (IntegrationBus & { closed: boolean })[] = [];
    const subscription = new BackgroundSubscription({
      connect: async () => {
        opened.push(aBus());
        return opened[opened.length - 1]!;
      },
      subscribe: async (bus) => {
        if (opened.length === 1) throw new Error('the topic is not there yet');
        return subscribeTo(bus);
      },
      onRetry: () => undefined,
      maxBackoffMs: 1,
    });

    await subscription.start();
    expect(opened.map((bus) => bus.closed)).toEqual([true, false]);
    await subscription.stop();
    expect(opened.map((bus) => bus.closed)).toEqual([true, true]);
  });

  it('stops trying when stopped before it could join', async () => {
    const subscription = new BackgroundSubscription({
      connect: async () => {
        throw new Error('never there');
      },
      subscribe: subscribeTo,
      onRetry: () => undefined,
      maxBackoffMs: 60_000,
    });
    const started = subscription.start();

    await subscription.stop();

    await expect(started).resolves.toBeUndefined();
    expect(subscription.joined).toBe(false);
  });
});
