/** A stream whose first item has already arrived; `close` ends it when it is never read. */
export type OpenedStream<T> = AsyncIterable<T> & { close(): Promise<void> };

export class StreamSilentError extends Error {
  constructor(withinMs: number) {
    super(`the segment stream sent nothing within ${withinMs} ms`);
    this.name = 'StreamSilentError';
  }
}

/**
 * Opens a stream and waits for its first item (or its end, or its failure), at most `withinMs`:
 * a stream silent that long is aborted through the signal `open` got, and the opening fails.
 * Hands back the whole stream, first item included. The audience loader opens its segment
 * streams this way before it takes a database connection: a segment server that is down or hung
 * fails the load while the load holds none, and frees its load slot for the next campaign.
 */
export async function openStream<T>(open: (signal: AbortSignal) => AsyncIterable<T>, withinMs: number): Promise<OpenedStream<T>> {
  const controller = new AbortController();
  const iterator = open(controller.signal)[Symbol.asyncIterator]();
  const silence = setTimeout(() => controller.abort(new StreamSilentError(withinMs)), withinMs);
  let pending: IteratorResult<T> | undefined;
  try {
    pending = await iterator.next();
  } finally {
    clearTimeout(silence);
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await iterator.return?.();
  };
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const next: IteratorResult<T> = pending ?? (await iterator.next());
          pending = undefined;
          if (next.done) return;
          yield next.value;
        }
      } finally {
        await close();
      }
    },
    close,
  };
}
