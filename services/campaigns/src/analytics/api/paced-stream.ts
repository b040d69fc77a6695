import { once } from 'node:events';
import { Observable } from 'rxjs';

/** What pacing needs of a gRPC server stream (grpc-js ServerWritableStream is a Node Writable). */
export type WritableCall = NodeJS.EventEmitter & { readonly writableNeedDrain?: boolean };

/**
 * Chunks from `chunks` as an Observable that pulls the next one only when the call's buffer has
 * room: Nest buffers whatever the call cannot take yet, so an eager producer behind a slow client
 * would hold the whole file in memory. Unsubscribing (the client went away) stops the pulling and
 * closes the generator, which releases its database work.
 */
export const pacedByCall = <T>(chunks: () => AsyncGenerator<T> | Promise<AsyncGenerator<T>>, call: WritableCall | undefined): Observable<T> =>
  new Observable<T>((subscriber) => {
    let generator: AsyncGenerator<T> | undefined;
    let closed = false;
    const pump = async () => {
      generator = await chunks();
      for (;;) {
        if (call?.writableNeedDrain) await once(call, 'drain');
        if (closed) return;
        const next = await generator.next();
        if (closed || next.done) break;
        subscriber.next(next.value);
      }
      subscriber.complete();
    };
    pump().catch((error: unknown) => subscriber.error(error));
    return () => {
      closed = true;
      void generator?.return(undefined);
    };
  });
