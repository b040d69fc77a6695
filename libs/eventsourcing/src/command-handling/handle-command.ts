import { v7 as uuidv7 } from 'uuid';
import type { Command } from '../command';
import { asArray, type Decider } from '../decider';
import { ConcurrencyError } from '../errors';
import type { Checkpoint, Event, EventMetadata } from '../event';
import type { EventStore, ExpectedRevision } from '../event-store.port';

export type HandleCommandOptions = {
  retry?: {
    /** How many times to re-read, re-decide and re-append after a ConcurrencyError (0 by default). */
    onVersionConflict?: number;
  };
  /** Id of each new event; uuid v7 (time-ordered) by default. */
  newId?: () => string;
};

export type HandleCommandResult<State, E extends Event> = {
  /** The events appended, with their ids and stamped metadata (empty when decide chose nothing). */
  newEvents: (E & { readonly id: string; readonly metadata: EventMetadata })[];
  /** Pass it as expectedRevision to append after this without re-reading. */
  nextExpectedRevision: ExpectedRevision;
  newState: State;
  /** Checkpoint of the last appended event; absent when nothing was appended. */
  lastCheckpoint?: Checkpoint;
};

/**
 * The one way commands reach an event-sourced aggregate: read the stream, fold it, decide, and
 * append with the revision that was read. A concurrent writer makes the append fail with a
 * ConcurrencyError; the whole cycle then runs again on the fresh stream, at most
 * `retry.onVersionConflict` more times, because a decision is only valid for the state it saw.
 */
export async function handleCommand<State, C extends Command, E extends Event>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, C, E>,
  command: C,
  options: HandleCommandOptions = {},
): Promise<HandleCommandResult<State, E>> {
  const retries = Math.max(0, options.retry?.onVersionConflict ?? 0);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await decideAndAppend(store, streamId, decider, command, options.newId ?? uuidv7);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= retries) throw error;
    }
  }
}

async function decideAndAppend<State, C extends Command, E extends Event>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, C, E>,
  command: C,
  newId: () => string,
): Promise<HandleCommandResult<State, E>> {
  const { events, currentRevision } = await store.readStream<E>(streamId);
  const state = events.reduce<State>((folded, event) => decider.evolve(folded, event), decider.initialState());
  const expectedRevision: ExpectedRevision = currentRevision === null ? 'no_stream' : currentRevision;
  const decided = asArray(decider.decide(command, state));
  if (decided.length === 0) return { newEvents: [], nextExpectedRevision: expectedRevision, newState: state };

  const newEvents = decided.map((event) => stamp(event, command, newId()));
  const appended = await store.appendToStream(streamId, newEvents, { expectedRevision });
  return {
    newEvents,
    nextExpectedRevision: appended.nextExpectedRevision,
    newState: newEvents.reduce<State>((folded, event) => decider.evolve(folded, event), state),
    lastCheckpoint: appended.lastCheckpoint,
  };
}

/**
 * Gives an event its id and the message metadata that lets a reader follow the conversation:
 * the command's message caused it, and it belongs to the command's correlation (or starts one).
 */
function stamp<E extends Event>(event: E, command: Command, id: string): E & { readonly id: string; readonly metadata: EventMetadata } {
  const { messageId, correlationId, causationId, traceparent } = command.metadata;
  const causedBy = messageId ?? causationId;
  const metadata: EventMetadata = {
    ...event.metadata,
    messageId: id,
    ...defined('correlationId', correlationId ?? causedBy),
    ...defined('causationId', causedBy),
    ...defined('traceparent', traceparent),
  };
  return { ...event, id, metadata };
}

const defined = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);
