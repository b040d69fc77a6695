import type { Event } from '../event';
import type { EventStore, ReadStreamOptions } from '../event-store.port';
import type { UpcasterRegistry } from './upcaster';

/**
 * Wraps any EventStore so that every read (readStream, readAll, subscriptions) sees events in
 * their current shape. Writes pass through untouched: new events are always written current.
 */
export function withUpcasting(store: EventStore, registry: UpcasterRegistry): EventStore {
  return {
    appendToStream: (streamId, events, options) => store.appendToStream(streamId, events, options),
    readStream: async <E extends Event>(streamId: string, options?: ReadStreamOptions) => {
      const result = await store.readStream<E>(streamId, options);
      return { ...result, events: result.events.map((event) => registry.upcast(event)) };
    },
    readAll: async (options) => {
      const result = await store.readAll(options);
      return { ...result, events: result.events.map((event) => registry.upcast(event)) };
    },
    subscribe: (options) => store.subscribe({ ...options, handler: (events) => options.handler(events.map((event) => registry.upcast(event))) }),
    close: () => store.close(),
  };
}
