// `npm test`: contracts, lint, type checks, then every jest level; ends with one summary line.
// Extra arguments go to jest (`npm test -- --selectProjects unit`).
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bin, run } from './steps.mjs';

const jestArgs = process.argv.slice(2);
const failures = [];

async function step(name, command, args, options) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const code = await run(command, args, options);
  console.log(`${code === 0 ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (code !== 0) failures.push(name);
  return code;
}

await step('lockfile complete for npm ci', process.execPath, ['tools/run/complete-lockfile.mjs', '--check']);
await step('generate contracts', process.execPath, ['tools/run/proto-generate.mjs']);
await step('project graph', bin('nx'), ['show', 'projects'], { quiet: true });
await step('lint', bin('eslint'), ['.', '--max-warnings=0']);
await step('type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);

const report = path.join(tmpdir(), `zvonar-jest-${process.pid}.json`);
await step('jest (unit, int, e2e)', bin('jest'), ['--json', `--outputFile=${report}`, ...jestArgs]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  skipped = results.numPendingTests + results.numTodoTests;
  rmSync(report, { force: true });
} catch {
  failed += 1;
}
failed += failures.filter((name) => !name.startsWith('jest')).length;
if (failures.length) console.log(`\nFailed steps: ${failures.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length || failed ? 1 : 0);
