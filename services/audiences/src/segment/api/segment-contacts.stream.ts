import { once } from 'node:events';
import { Observable } from 'rxjs';

/** The part of a gRPC server stream the pacing needs (grpc-js ServerWritableStream is a Node Writable). */
export type PacedCall = { readonly writableNeedDrain?: boolean; readonly cancelled?: boolean; once(event: 'drain' | 'cancelled', listener: () => void): unknown };

/**
 * An async sequence as an Observable that takes its next item only once the call has room for it:
 * Nest queues what the call cannot take, so pulling eagerly would hold a whole segment in memory
 * behind a slow client. Unsubscribing (a cancelled call) stops the pulling.
 */
export function pacedByCall<T>(items: () => AsyncIterable<T>, call: PacedCall | undefined): Observable<T> {
  return new Observable<T>((subscriber) => {
    let stopped = false;
    const iterator = items()[Symbol.asyncIterator]();
    void (async () => {
      try {
        for (;;) {
          if (call?.writableNeedDrain) await once(call as unknown as NodeJS.EventEmitter, 'drain');
          if (stopped) return;
          const next = await iterator.next();
          if (stopped) return;
          if (next.done) break;
          subscriber.next(next.value);
        }
        subscriber.complete();
      } catch (error) {
        subscriber.error(error);
      }
    })();
    return () => {
      stopped = true;
      void iterator.return?.();
    };
  });
}
