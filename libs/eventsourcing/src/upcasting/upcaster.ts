import type { Event, RecordedEvent } from '../event';

/**
 * Turns one stored shape of an event type into the next one. Stored events are never rewritten:
 * the old shape stays in the store and is lifted every time it is read.
 */
export type Upcaster = {
  /** The stable event type name (it never changes between shapes). */
  type: string;
  /** True for the old shape this upcaster understands. */
  appliesTo: (event: RecordedEvent) => boolean;
  /** The event in its next shape; ids, positions and metadata are kept by the registry. */
  upcast: (event: RecordedEvent) => Event;
};

/** Applies every matching upcaster of an event's type, in registration order (V1 -> V2 -> V3). */
export class UpcasterRegistry {
  private readonly byType = new Map<string, Upcaster[]>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): this {
    this.byType.set(upcaster.type, [...(this.byType.get(upcaster.type) ?? []), upcaster]);
    return this;
  }

  upcast<E extends RecordedEvent>(event: E): E {
    let current: RecordedEvent = event;
    for (const upcaster of this.byType.get(event.type) ?? []) {
      if (!upcaster.appliesTo(current)) continue;
      const next = upcaster.upcast(current);
      current = { ...current, type: next.type, data: next.data, metadata: { ...current.metadata, ...next.metadata } };
    }
    return current as E;
  }
}
