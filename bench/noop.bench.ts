// Smoke benchmark for the harness itself: a loop against the same loop.
import { interleave, median, report } from './lib/harness';

const loop = async (): Promise<number> => {
  const started = process.hrtime.bigint();
  let sum = 0;
  for (let i = 0; i < 1_000_000; i += 1) sum += i;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return sum > 0 ? 1_000_000 / seconds : 0;
};

void (async () => {
  const run = await interleave(3, loop, loop);
  report('noop', [{ name: 'loop vs loop', ratio: median(run.subject) / median(run.baseline), target: 0.5, kind: 'min' }]);
})();
