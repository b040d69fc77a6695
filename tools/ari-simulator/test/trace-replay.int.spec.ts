import { compareRun } from './replay/compare';
import { replay } from './replay/replayer';
import { loadTrace, traceFiles } from './replay/trace';

// Traces the simulator does not reproduce yet, with the reason. `test.failing` keeps them
// honest: the test fails as soon as one starts to match, so the list must shrink.
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

describe('ARI simulator replays the recorded Asterisk traces', () => {
  for (const file of traceFiles()) {
    const gap = KNOWN_GAPS[file];
    const run = gap === undefined ? test : test.failing;
    run(`${file}${gap === undefined ? '' : ` (known gap: ${gap})`}`, async () => {
      const result = await replay(loadTrace(file));
      expect(compareRun(result)).toEqual([]);
    }, 90_000);
  }
});
