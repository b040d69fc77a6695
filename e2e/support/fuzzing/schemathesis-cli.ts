import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SchemathesisReport } from './schemathesis-report';

/** The CLI major version whose flags and JSON report this module speaks. */
const SUPPORTED_MAJOR = 4;

const INSTALL_HINT =
  'install it as CI does: python3 -m venv ~/.cache/zvonar/schemathesis-4.32.5 && ' +
  '~/.cache/zvonar/schemathesis-4.32.5/bin/pip install schemathesis==4.32.5, then ' +
  'export SCHEMATHESIS_BIN=~/.cache/zvonar/schemathesis-4.32.5/bin/schemathesis';

/** The schemathesis CLI found on this machine. */
export interface SchemathesisCli {
  readonly bin: string;
  readonly version: string;
}

/** SCHEMATHESIS_BIN (what .ci/run exports), else `schemathesis` on PATH; undefined + why when absent. */
export function findSchemathesis(): { cli: SchemathesisCli } | { why: string } {
  const configured = process.env.SCHEMATHESIS_BIN;
  const bin = configured || onPath('schemathesis');
  if (!bin) return { why: `schemathesis is not installed (SCHEMATHESIS_BIN unset, none on PATH); ${INSTALL_HINT}` };
  if (!existsSync(bin)) return { why: `SCHEMATHESIS_BIN=${bin} does not exist; ${INSTALL_HINT}` };
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const version = /version (\d+\.\d+\.\d+)/.exec(probe.stdout ?? '')?.[1];
  if (!version)
    return { why: `${bin} --version did not answer a version: ${probe.stderr || probe.error?.message || ''}` };
  if (Number(version.split('.')[0]) !== SUPPORTED_MAJOR)
    return { why: `${bin} is schemathesis ${version}; the spec speaks ${SUPPORTED_MAJOR}.x; ${INSTALL_HINT}` };
  return { cli: { bin, version } };
}

function onPath(command: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, command))
    .find((candidate) => candidate !== command && existsSync(candidate));
}

/**
 * `describe` when schemathesis is installed. Without it the suite is skipped with the reason and
 * how to install it, except under REQUIRE_INTEGRATION=1 (CI), where a missing fuzzer fails the run
 * like a missing PostgreSQL does.
 */
export function describeWithSchemathesis(title: string, body: (cli: SchemathesisCli) => void): void {
  const found = findSchemathesis();
  if ('cli' in found) {
    describe(title, () => body(found.cli));
  } else if (process.env.REQUIRE_INTEGRATION === '1') {
    describe(title, () => {
      it('has the schemathesis CLI (REQUIRE_INTEGRATION=1)', () => {
        throw new Error(found.why);
      });
    });
  } else {
    describe.skip(`${title} (skipped: ${found.why})`, () => body({ bin: '', version: '' }));
  }
}

/** One run of `schemathesis run`: its exit code, its JSON report and what it printed. */
export interface SchemathesisRun {
  readonly exitCode: number | null;
  readonly report: SchemathesisReport;
  readonly output: string;
}

/**
 * Runs `schemathesis [--config-file] run <args>` and reads the JSON report it writes to
 * `reportPath`. The process is killed (by its pid) once `timeoutMs` passes, so a hung fuzzer fails
 * the spec with what it printed instead of holding the jest run.
 */
export async function runSchemathesis(
  cli: SchemathesisCli,
  {
    configFile,
    args,
    reportPath,
    timeoutMs,
  }: { configFile: string; args: readonly string[]; reportPath: string; timeoutMs: number },
): Promise<SchemathesisRun> {
  const child = spawn(
    cli.bin,
    ['--config-file', configFile, 'run', ...args, '--report', 'json', '--report-json-path', reportPath],
    {
      // Nothing of the developer's environment steers the run (no proxy, no config of theirs).
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'C.UTF-8', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  const printed = output.join('');
  if (timedOut)
    throw new Error(`schemathesis ran over ${timeoutMs} ms and was killed; its output:\n${printed.slice(-8000)}`);
  const report = await readFile(reportPath, 'utf8').then(
    (text) => JSON.parse(text) as SchemathesisReport,
    () => {
      throw new Error(`schemathesis exited with ${exitCode} and wrote no report; its output:\n${printed.slice(-8000)}`);
    },
  );
  return { exitCode, report, output: printed };
}
