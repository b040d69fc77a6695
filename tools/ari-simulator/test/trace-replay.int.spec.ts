import { compareRun } from './replay/compare';
import { replay } from './replay/replayer';
import { loadTrace, traceFiles } from './replay/trace';

// Simulated time runs 20x faster than the recordings: the 30 s prompts take 1.5 s.
const TIME_SCALE = 0.05;

// Traces the simulator does not reproduce yet, with the reason. `test.failing` keeps them
// honest: the test fails as soon as one starts to match, so the list must shrink.
const KNOWN_GAPS: Readonly<Record<string, string>> = {
  // Asterisk ran the callee's Wait(30) after Answer() only once the probe's hangup had come
  // (11 ms later for probe-chan-1); the simulator starts it ~4 ms after Answer() as in every other trace.
  'originate-options.json': 'the callee half shows ChannelDialplan Wait(30) before the hangup',
};

describe('ARI simulator replays the recorded Asterisk traces', () => {
  for (const file of traceFiles()) {
    const gap = KNOWN_GAPS[file];
    const run = gap === undefined ? test : test.failing;
    run(`${file}${gap === undefined ? '' : ` (known gap: ${gap})`}`, async () => {
      const result = await replay(loadTrace(file), TIME_SCALE);
      expect(compareRun(result)).toEqual([]);
    }, 90_000);
  }
});
