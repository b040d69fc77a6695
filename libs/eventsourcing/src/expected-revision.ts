import { ConcurrencyError } from './errors';
import type { ExpectedRevision } from './event-store.port';

/** Throws the typed conflict when `current` (null: no stream) does not satisfy `expected`. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision, current: number | null): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'number' && expected === current);
  if (!ok) throw new ConcurrencyError(streamId, String(expected), current === null ? 'no_stream' : String(current));
}
