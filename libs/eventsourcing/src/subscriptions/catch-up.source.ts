import type { Checkpoint } from '../event';
import type { ReadAllOptions, ReadAllResult } from '../event-store.port';
import type { Wakeup } from './wakeup';

/**
 * What a store adapter gives the shared catch-up loop: its store-wide read, its own checkpoint
 * ordering and storage, and a way to wait for new appends.
 */
export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /** Checkpoint of the newest event committed now (undefined for an empty store). */
  headCheckpoint(): Promise<Checkpoint | undefined>;
  /** Negative, zero or positive, like a sort comparator. */
  compareCheckpoints(a: Checkpoint, b: Checkpoint): number;
  loadCheckpoint(subscriberId: string): Promise<Checkpoint | undefined>;
  saveCheckpoint(subscriberId: string, checkpoint: Checkpoint): Promise<void>;
  /** Rung whenever new events may exist (an append in this process, a notification from another). */
  appends: Wakeup;
}
