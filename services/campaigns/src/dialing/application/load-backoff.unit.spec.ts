import { LoadBackoff } from './load-backoff';

describe('LoadBackoff', () => {
  it('given a campaign that never failed, when asked, then it may be tried at once', () => {
    expect(new LoadBackoff().mayTry('c', 0)).toBe(true);
  });

  it('given failures in a row, then each waits twice as long as the last, up to the maximum', () => {
    const backoff = new LoadBackoff({ initialMs: 100, maxMs: 500 });
    expect([backoff.failed('c', 0), backoff.failed('c', 0), backoff.failed('c', 0), backoff.failed('c', 0)]).toEqual([100, 200, 400, 500]);
  });

  it('given a failure, then the campaign waits out its delay, and other campaigns do not', () => {
    const backoff = new LoadBackoff({ initialMs: 100, maxMs: 500 });
    backoff.failed('c', 1_000);
    expect([backoff.mayTry('c', 1_099), backoff.mayTry('c', 1_100), backoff.mayTry('other', 1_000)]).toEqual([false, true, true]);
  });

  it('given a success after failures, then the next failure starts from the initial wait again', () => {
    const backoff = new LoadBackoff({ initialMs: 100, maxMs: 500 });
    backoff.failed('c', 0);
    backoff.failed('c', 0);
    backoff.succeeded('c');
    expect(backoff.mayTry('c', 0)).toBe(true);
    expect(backoff.failed('c', 0)).toBe(100);
  });
});
