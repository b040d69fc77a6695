import type { AriEvent, AriEventBody } from '@zvonar/ari-model';

export type EventSink = (event: AriEvent) => void;

/** Delivers events to the WebSocket subscribers of an application; drops them when none listens. */
export class EventHub {
  private readonly sinks = new Map<string, Set<EventSink>>();

  constructor(
    private readonly stamp: () => string,
    private readonly asteriskId: string,
  ) {}

  subscribe(app: string, sink: EventSink): () => void {
    const set = this.sinks.get(app) ?? new Set<EventSink>();
    set.add(sink);
    this.sinks.set(app, set);
    return () => {
      set.delete(sink);
      if (set.size === 0) this.sinks.delete(app);
    };
  }

  isRegistered(app: string): boolean {
    return this.sinks.has(app);
  }

  registeredApps(): string[] {
    return [...this.sinks.keys()];
  }

  emit(app: string | undefined, body: AriEventBody): void {
    if (app === undefined) return;
    const set = this.sinks.get(app);
    if (!set) return;
    // Key order follows Asterisk: type, timestamp, the event's own fields, asterisk_id, application.
    const { type, ...rest } = body;
    const event = { type, timestamp: this.stamp(), ...rest, asterisk_id: this.asteriskId, application: app } as AriEvent;
    for (const sink of set) sink(event);
  }
}
