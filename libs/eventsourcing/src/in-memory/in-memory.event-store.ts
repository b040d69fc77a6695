import { v7 as uuidv7 } from 'uuid';
import { ConcurrencyError, ValidationError } from '../errors';
import type { Checkpoint, Event, NewEvent, RecordedEvent } from '../event';
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
import { categoryOf } from '../stream-id';
import type { CatchUpSource } from '../subscriptions/catch-up.source';
import { CatchUpSubscription, type CatchUpTuning } from '../subscriptions/catch-up.subscription';
import { Wakeup } from '../subscriptions/wakeup';
import { checkExpectedRevision } from '../expected-revision';

const toCheckpoint = (position: number): Checkpoint => String(position) as Checkpoint;
/**
 * Data and metadata go through JSON both ways, as they do through a jsonb column: a test that
 * passes here with a Date in its event data would not pass against PostgreSQL.
 */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const copyOf = (event: RecordedEvent): RecordedEvent => ({ ...event, data: asJson(event.data), metadata: asJson(event.metadata), recordedAt: new Date(event.recordedAt) });
const toPosition = (checkpoint: Checkpoint | undefined): number => (checkpoint === undefined ? 0 : Number(checkpoint));

/**
 * The EventStore port in process memory, for unit and in-memory integration tests and the
 * single-process tools. It passes the same contract suite as the PostgreSQL adapter; checkpoints
 * are 1-based positions in one append-ordered log.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly checkpoints = new Map<string, Checkpoint>();
  private readonly appended = new Wakeup();
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly tuning: CatchUpTuning = {}) {}

  async appendToStream<E extends Event>(streamId: string, events: readonly NewEvent<E>[], options: AppendOptions = {}): Promise<AppendResult> {
    if (events.length === 0) throw new ValidationError(`Nothing to append to ${streamId}`);
    const stream = this.streams.get(streamId) ?? [];
    const replay = this.storedAgain(streamId, events);
    if (replay) return replay;
    const current = stream.length === 0 ? null : stream.length - 1;
    checkExpectedRevision(streamId, options.expectedRevision ?? 'any', current);
    const recordedAt = new Date();
    for (const event of events) {
      const id = event.id ?? uuidv7();
      const recorded: RecordedEvent = {
        type: event.type,
        data: asJson(event.data),
        id,
        streamId,
        streamRevision: stream.length,
        checkpoint: toCheckpoint(this.log.length + 1),
        recordedAt,
        metadata: asJson({ ...event.metadata, messageId: event.metadata?.messageId ?? id }),
      };
      stream.push(recorded);
      this.log.push(recorded);
      this.byId.set(id, recorded);
    }
    this.streams.set(streamId, stream);
    this.appended.ring();
    const last = stream[stream.length - 1]!;
    return { nextExpectedRevision: last.streamRevision, lastCheckpoint: last.checkpoint };
  }

  /**
   * Idempotency on event id: a batch whose ids are all stored in this stream already is the same
   * append retried, so it succeeds with the original result. A batch mixing stored and new ids is
   * a different write on a moved stream.
   */
  private storedAgain(streamId: string, events: readonly NewEvent[]): AppendResult | undefined {
    const stored = events.map((event) => (event.id === undefined ? undefined : this.byId.get(event.id)));
    const known = stored.filter((event): event is RecordedEvent => event !== undefined);
    if (known.length === 0) return undefined;
    const stream = this.streams.get(streamId) ?? [];
    const actual = stream.length === 0 ? 'no_stream' : String(stream.length - 1);
    if (known.length < events.length || known.some((event) => event.streamId !== streamId)) {
      throw new ConcurrencyError(streamId, 'a batch of new event ids', actual);
    }
    const last = known.reduce((a, b) => (a.streamRevision > b.streamRevision ? a : b));
    return { nextExpectedRevision: last.streamRevision, lastCheckpoint: last.checkpoint };
  }

  async readStream<E extends Event>(streamId: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult<E>> {
    const stream = this.streams.get(streamId) ?? [];
    const from = options.fromRevision ?? 0;
    const to = options.maxCount === undefined ? stream.length : from + options.maxCount;
    return {
      events: stream.slice(from, to).map(copyOf) as unknown as RecordedEvent<E>[],
      currentRevision: stream.length === 0 ? null : stream.length - 1,
    };
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const categories = options.categories ? new Set(options.categories) : undefined;
    const events: RecordedEvent[] = [];
    let scanned = toPosition(options.after);
    while (scanned < this.log.length && events.length < maxCount) {
      const event = this.log[scanned]!;
      scanned += 1;
      if (!categories || categories.has(categoryOf(event.streamId))) events.push(copyOf(event));
    }
    // Filtered-out events still move the checkpoint, so a sparse category does not rescan them.
    return { events, checkpoint: scanned === 0 ? options.after : toCheckpoint(scanned) };
  }

  subscribe(options: SubscriptionOptions): Subscription {
    const subscription = new CatchUpSubscription(this.catchUpSource(), options, this.tuning);
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
  }

  private catchUpSource(): CatchUpSource {
    return {
      readAll: (options) => this.readAll(options),
      headCheckpoint: async () => (this.log.length === 0 ? undefined : toCheckpoint(this.log.length)),
      compareCheckpoints: (a, b) => toPosition(a) - toPosition(b),
      loadCheckpoint: async (subscriberId) => this.checkpoints.get(subscriberId),
      saveCheckpoint: async (subscriberId, checkpoint) => {
        this.checkpoints.set(subscriberId, checkpoint);
      },
      appends: this.appended,
    };
  }
}
