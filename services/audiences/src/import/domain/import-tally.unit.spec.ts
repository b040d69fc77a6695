import { progressOf } from './import-tally';

describe('progressOf', () => {
  it('estimates the row total from the share of bytes read, then gives the exact one at the end', () => {
    expect(progressOf(2_500, 1_000_000, 4_000_000, false)).toEqual({ rowsDone: 2_500, rowsTotal: 10_000, rowsTotalIsEstimate: true, bytesDone: 1_000_000, bytesTotal: 4_000_000 });
    expect(progressOf(9_731, 4_000_000, 4_000_000, true)).toEqual({ rowsDone: 9_731, rowsTotal: 9_731, rowsTotalIsEstimate: false, bytesDone: 4_000_000, bytesTotal: 4_000_000 });
  });

  it('has no total for an upload of unknown size until it ends', () => {
    expect(progressOf(10, 500, null, false).rowsTotal).toBeNull();
  });
});
