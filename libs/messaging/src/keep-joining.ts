/** How a consumer keeps trying to join its group. */
export interface KeepJoiningOptions {
  /** Aborting it ends the waiting at once (the service is stopping); the promise then resolves. */
  readonly signal: AbortSignal;
  /** Told of every failed try and how long until the next. */
  readonly onRetry: (error: unknown, retryInMs: number) => void;
  /** A failure no wait can heal (a configuration mistake): thrown instead of retried. */
  readonly fatal?: (error: unknown) => boolean;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

/**
 * Tries `join` until it succeeds, pausing between tries with a doubling backoff: a bus that cannot
 * take the member yet (Kafka starting, a topic another service is still creating, a producer's log
 * not there yet) must delay a consumer, never leave it out for the life of the process.
 */
export async function keepJoining(join: () => Promise<void>, options: KeepJoiningOptions): Promise<void> {
  const { signal, onRetry, fatal = () => false, initialBackoffMs = 200, maxBackoffMs = 10_000 } = options;
  for (let backoffMs = initialBackoffMs; !signal.aborted; backoffMs = Math.min(backoffMs * 2, maxBackoffMs)) {
    try {
      await join();
      return;
    } catch (error) {
      if (signal.aborted) return;
      if (fatal(error)) throw error;
      onRetry(error, backoffMs);
      await pause(backoffMs, signal);
    }
  }
}

const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
