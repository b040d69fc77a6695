import { backoffDelay } from './ari.config';

describe('backoffDelay', () => {
  test('grows exponentially from the initial delay and stays at the cap', () => {
    const policy = { initialMs: 100, maxMs: 1000, factor: 2 };
    expect([0, 1, 2, 3, 4, 5, 20].map((attempt) => backoffDelay(policy, attempt))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });
});
