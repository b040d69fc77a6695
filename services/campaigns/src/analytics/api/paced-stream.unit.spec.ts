import { EventEmitter } from 'node:events';
import { pacedByCall, type WritableCall } from './paced-stream';

/** A call whose buffer the test fills and drains. */
const aCall = () => Object.assign(new EventEmitter(), { writableNeedDrain: false }) as EventEmitter & { writableNeedDrain: boolean } & WritableCall;

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('pacedByCall', () => {
  it('given a full call, then no chunk is pulled until it drains', async () => {
    const call = aCall();
    const pulled: number[] = [];
    async function* chunks() {
      for (let chunk = 1; chunk <= 3; chunk += 1) {
        pulled.push(chunk);
        yield chunk;
      }
    }
    const seen: number[] = [];
    let done = false;
    call.writableNeedDrain = true;
    pacedByCall(chunks, call).subscribe({ next: (chunk) => seen.push(chunk), complete: () => (done = true) });
    await settled();
    expect([pulled, seen]).toEqual([[], []]);

    call.writableNeedDrain = false;
    call.emit('drain');
    await settled();
    expect([pulled, seen, done]).toEqual([[1, 2, 3], [1, 2, 3], true]);
  });

  it('given the client goes away, then the generator is closed and pulls nothing more', async () => {
    const call = aCall();
    let closed = false;
    let pulls = 0;
    async function* endless() {
      try {
        for (;;) {
          pulls += 1;
          yield pulls;
          await settled();
        }
      } finally {
        closed = true;
      }
    }
    const subscription = pacedByCall(endless, call).subscribe();
    await settled();
    subscription.unsubscribe();
    await settled();
    const after = pulls;
    await settled();
    expect([closed, pulls]).toEqual([true, after]);
  });

  it('given the file fails (a refused caller), then the stream errors with it', async () => {
    const refusal = new Error('not found');
    // eslint-disable-next-line require-yield
    async function* refused(): AsyncGenerator<number> {
      throw refusal;
    }
    const error = await new Promise((resolve) => pacedByCall(refused, aCall()).subscribe({ error: resolve }));
    expect(error).toBe(refusal);
  });
});
