import type { TelephonyEvent, TelephonyListener, Unsubscribe } from './telephony.port';

/**
 * The listeners of each channel's facts. A listener that throws is reported and does not keep
 * the others from hearing the fact.
 */
export class ChannelListeners {
  private readonly byChannel = new Map<string, Set<TelephonyListener>>();

  constructor(private readonly onListenerError: (channelId: string, event: TelephonyEvent, error: unknown) => void) {}

  /** Channels someone still listens to. */
  get channelCount(): number {
    return this.byChannel.size;
  }

  has(channelId: string): boolean {
    return this.byChannel.has(channelId);
  }

  add(channelId: string, listener: TelephonyListener): Unsubscribe {
    const set = this.byChannel.get(channelId) ?? new Set<TelephonyListener>();
    set.add(listener);
    this.byChannel.set(channelId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byChannel.get(channelId) === set) this.byChannel.delete(channelId);
    };
  }

  tell(channelId: string, event: TelephonyEvent): void {
    for (const listener of [...(this.byChannel.get(channelId) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(channelId, event, error);
      }
    }
  }
}
