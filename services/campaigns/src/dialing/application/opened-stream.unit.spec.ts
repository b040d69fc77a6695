import { openStream, StreamSilentError } from './opened-stream';

async function* numbers(log: string[], failAfter?: number): AsyncGenerator<number> {
  try {
    for (let n = 1; n <= 3; n += 1) {
      if (failAfter !== undefined && n > failAfter) throw new Error('segment server down');
      log.push(`read ${n}`);
      yield n;
    }
  } finally {
    log.push('closed');
  }
}

const all = async <T>(stream: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
};

describe('openStream', () => {
  it('given a stream, when opened, then only its first item has been read, and reading it yields every item once', async () => {
    const log: string[] = [];
    const stream = await openStream(() => numbers(log), 1_000);
    expect(log).toEqual(['read 1']);
    expect(await all(stream)).toEqual([1, 2, 3]);
    expect(log).toEqual(['read 1', 'read 2', 'read 3', 'closed']);
  });

  it('given a stream that fails before its first item, when opened, then the opening fails', async () => {
    await expect(openStream(() => numbers([], 0), 1_000)).rejects.toThrow('segment server down');
  });

  it('given an opened stream that is never read, when closed, then the source is closed', async () => {
    const log: string[] = [];
    const stream = await openStream(() => numbers(log), 1_000);
    await stream.close();
    expect(log).toEqual(['read 1', 'closed']);
  });

  it('given an empty stream, when opened and read, then it yields nothing', async () => {
    const stream = await openStream(async function* () {}, 1_000);
    expect(await all(stream)).toEqual([]);
  });

  it('given a stream that stays silent, when opened, then it is aborted after the wait and the opening fails', async () => {
    let aborted: unknown;
    const silent = (signal: AbortSignal): AsyncIterable<number> => ({
      [Symbol.asyncIterator]: () => ({
        next: () =>
          new Promise<IteratorResult<number>>((_, reject) =>
            signal.addEventListener('abort', () => {
              aborted = signal.reason;
              reject(signal.reason as Error);
            }),
          ),
      }),
    });
    await expect(openStream(silent, 20)).rejects.toBeInstanceOf(StreamSilentError);
    expect(aborted).toBeInstanceOf(StreamSilentError);
  });
});
