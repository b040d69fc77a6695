import type { Event } from '../event';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamResult,
  Subscription,
  SubscriptionOptions,
} from '../event-store.port';
import type { NewEvent } from '../event';
import type { UpcasterRegistry } from './upcaster';

/**
 * Wraps any EventStore so that every read (readStream, readAll, subscriptions) sees events in
 * their current shape. Writes pass through untouched: new events are always written current.
 */
export function withUpcasting(store: EventStore, registry: UpcasterRegistry): EventStore {
  return new UpcastingEventStore(store, registry);
}

class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly registry: UpcasterRegistry,
  ) {}

  appendToStream<E extends Event>(streamId: string, events: readonly NewEvent<E>[], options?: AppendOptions): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, options);
  }

  async readStream<E extends Event>(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult<E>> {
    const result = await this.inner.readStream<E>(streamId, options);
    return { ...result, events: result.events.map((event) => this.registry.upcast(event)) };
  }

  async readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    const result = await this.inner.readAll(options);
    return { ...result, events: result.events.map((event) => this.registry.upcast(event)) };
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return this.inner.subscribe({ ...options, handler: (events) => options.handler(events.map((event) => this.registry.upcast(event))) });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
