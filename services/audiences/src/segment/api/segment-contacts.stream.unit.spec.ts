import { EventEmitter } from 'node:events';
import { pacedByCall } from './segment-contacts.stream';

/** A gRPC server stream's pacing surface: `writableNeedDrain` and the 'drain' event. */
class FakeCall extends EventEmitter {
  writableNeedDrain = false;
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('pacedByCall', () => {
  it('pulls the next item only once a call that needed draining has drained', async () => {
    const call = new FakeCall();
    const pulled: number[] = [];
    async function* items() {
      for (let item = 1; item <= 3; item += 1) {
        pulled.push(item);
        yield item;
      }
    }
    const received: number[] = [];
    let completed = false;
    call.writableNeedDrain = true;
    pacedByCall(items, call).subscribe({ next: (item) => received.push(item), complete: () => (completed = true) });
    for (let turn = 0; turn < 5; turn += 1) await nextTick();
    expect(pulled).toEqual([]);

    call.writableNeedDrain = false;
    call.emit('drain');
    for (let turn = 0; turn < 10 && !completed; turn += 1) await nextTick();
    expect(received).toEqual([1, 2, 3]);
    expect(completed).toBe(true);
  });

  it('stops pulling when the subscriber leaves (a cancelled call)', async () => {
    const pulled: number[] = [];
    let closed = false;
    async function* items() {
      try {
        for (let item = 1; ; item += 1) {
          pulled.push(item);
          yield item;
        }
      } finally {
        closed = true;
      }
    }
    const subscription = pacedByCall(items, undefined).subscribe({ next: (item) => item === 2 && subscription.unsubscribe() });
    for (let turn = 0; turn < 10 && !closed; turn += 1) await nextTick();
    expect(closed).toBe(true);
    expect(pulled.length).toBeLessThanOrEqual(3);
  });

  it('passes an error of the source to the subscriber', async () => {
    async function* items(): AsyncGenerator<number> {
      yield 1;
      throw new Error('segment not found');
    }
    const error = await new Promise<unknown>((resolve) => pacedByCall(items, undefined).subscribe({ error: resolve }));
    expect(error).toEqual(new Error('segment not found'));
  });
});
