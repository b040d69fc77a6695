/**
 * Shared shape of every benchmark: baseline and subject measured interleaved in the same process
 * (these machines are shared and noisy), the median of the pairs, absolute figures printed, and
 * one JSON object as the last line.
 */
export type Measurement = { value: number; unit: string };

export type PairedRun = { baseline: number[]; subject: number[] };

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
};

/** Runs baseline and subject alternately `pairs` times (at least 3) after a warm-up round (-1); each returns its figure. */
export async function interleave(
  pairs: number,
  baseline: (round: number) => Promise<number>,
  subject: (round: number) => Promise<number>,
): Promise<PairedRun> {
  const run: PairedRun = { baseline: [], subject: [] };
  // One discarded round each: JIT warm-up and connection set-up must not count for either side.
  await baseline(-1);
  await subject(-1);
  for (let round = 0; round < Math.max(3, pairs); round += 1) {
    // Alternate which side goes first so warm-up and drift do not favour one of them.
    if (round % 2 === 0) {
      run.baseline.push(await baseline(round));
      run.subject.push(await subject(round));
    } else {
      run.subject.push(await subject(round));
      run.baseline.push(await baseline(round));
    }
  }
  return run;
}

export type Check = {
  /** What is compared, e.g. `append/s vs raw INSERT/s`. */
  name: string;
  ratio: number;
  /** The ratio the issue asks for. */
  target: number;
  /** `min`: ratio must be >= target (throughput); `max`: ratio must be <= target (latency). */
  kind: 'min' | 'max';
};

export const passes = (check: Check): boolean =>
  check.kind === 'min' ? check.ratio >= check.target : check.ratio <= check.target;

export const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * Prints every check, then the final JSON line. `ratio`/`target` of the line are those of the
 * first (headline) check; `pass` is true only when every check passes.
 */
export function report(bench: string, checks: readonly Check[], figures: Record<string, unknown> = {}): boolean {
  for (const check of checks) {
    log(`${passes(check) ? 'PASS' : 'FAIL'} ${check.name}: ratio ${check.ratio.toFixed(3)} (target ${check.kind === 'min' ? '>=' : '<='} ${check.target})`);
  }
  const headline = checks[0]!;
  const pass = checks.every(passes);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  log(
    JSON.stringify({
      bench,
      ratio: round(headline.ratio),
      target: headline.target,
      pass,
      checks: checks.map((check) => ({ name: check.name, ratio: round(check.ratio), target: check.target, kind: check.kind, pass: passes(check) })),
      ...figures,
    }),
  );
  return pass;
}
