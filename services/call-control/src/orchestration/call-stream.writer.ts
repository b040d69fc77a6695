import { ConcurrencyError, type EventStore } from '@zvonar/eventsourcing';
import { callDecider, type Call, type CallCommand, type CallEvent } from '../call/domain';

const foldAll = (events: readonly CallEvent[], from: Call = callDecider.initialState()): Call => events.reduce(callDecider.evolve, from);

/**
 * The single writer of one live call's stream. It keeps the folded state and the revision, so a
 * telephony event costs one append and no read; a conflict (another instance wrote) re-reads the
 * stream and decides again on what is really there.
 */
export class CallStreamWriter {
  private constructor(
    private readonly store: EventStore,
    readonly streamId: string,
    private current: Call,
    private revision: number | null,
    private readonly correlationId: string,
    /** The trace of the PlaceCall that started the call: every fact joins it, and so do the integration events. */
    private readonly traceparent: string | undefined,
  ) {}

  static async load(store: EventStore, streamId: string, correlationId: string): Promise<CallStreamWriter> {
    const { events, currentRevision } = await store.readStream<CallEvent>(streamId);
    const traceparent = events[0]?.metadata.traceparent;
    return new CallStreamWriter(store, streamId, foldAll(events), currentRevision, correlationId, typeof traceparent === 'string' ? traceparent : undefined);
  }

  get state(): Call {
    return this.current;
  }

  /** What the command would record now, without recording it. */
  preview(command: CallCommand): CallEvent[] {
    return callDecider.decide(command, this.current) as CallEvent[];
  }

  async execute(command: CallCommand): Promise<CallEvent[]> {
    for (let attempt = 0; ; attempt += 1) {
      const events = this.preview(command);
      if (events.length === 0) return [];
      try {
        const metadata = this.traceparent === undefined ? { correlationId: this.correlationId } : { correlationId: this.correlationId, traceparent: this.traceparent };
        const stamped = events.map((event) => ({ ...event, metadata }));
        const result = await this.store.appendToStream(this.streamId, stamped, { expectedRevision: this.revision ?? 'no_stream' });
        this.revision = result.nextExpectedRevision;
        this.current = foldAll(events, this.current);
        return events;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 2) throw error;
        const reread = await this.store.readStream<CallEvent>(this.streamId);
        this.current = foldAll(reread.events);
        this.revision = reread.currentRevision;
      }
    }
  }
}
