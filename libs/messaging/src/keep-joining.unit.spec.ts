import { keepJoining } from './keep-joining';

describe('keepJoining', () => {
  it('given a join that fails twice, tries again with a doubling pause and resolves once it joins', async () => {
    let tries = 0;
    const retries: number[] = [];
    await keepJoining(
      async () => {
        tries += 1;
        if (tries < 3) throw new Error('no leader yet');
      },
      { signal: new AbortController().signal, onRetry: (_error, retryInMs) => retries.push(retryInMs), initialBackoffMs: 1, maxBackoffMs: 2 },
    );
    expect({ tries, retries }).toEqual({ tries: 3, retries: [1, 2] });
  });

  it('given a fatal failure, throws it without retrying', async () => {
    const mistake = new Error('bad config');
    await expect(keepJoining(() => Promise.reject(mistake), { signal: new AbortController().signal, onRetry: () => undefined, fatal: (error) => error === mistake })).rejects.toBe(mistake);
  });

  it('given the service stopping during a pause, resolves at once instead of waiting it out', async () => {
    const stopping = new AbortController();
    const joined = keepJoining(() => Promise.reject(new Error('down')), { signal: stopping.signal, onRetry: () => stopping.abort(), initialBackoffMs: 60_000 });
    await expect(joined).resolves.toBeUndefined();
  });
});
