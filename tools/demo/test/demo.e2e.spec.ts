import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@zvonar/platform';
import { processGone, isProcessAlive } from '@zvonar/testing';

const repoRoot = path.resolve(__dirname, '../../..');

/** `npm run demo` on a machine where no platform runs yet: it starts one, runs a campaign to its end and says where to look. */
describe('npm run demo', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zvonar-demo-data-'));
  // PostgreSQL runs as the OS user `postgres` when the suite runs as root: it must enter the folder.
  chmodSync(dataDir, 0o755);
  let platformPid: number | undefined;

  afterAll(async () => {
    // Only the platform this demo started, by the pid it printed.
    if (platformPid && isProcessAlive(platformPid)) {
      process.kill(platformPid, 'SIGTERM');
      await processGone(platformPid, { timeoutMs: 30_000, what: 'the demo platform to stop' }).catch(() => undefined);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 40_000);

  it('starts the platform, runs the demo campaign to completion with live progress, and prints working links', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort('127.0.0.1')}`;
    let output = '';
    const demo = spawn(process.execPath, ['tools/demo/demo.mjs'], {
      cwd: repoRoot,
      env: { ...process.env, ZVONAR_URL: baseUrl, GRPC_PORT: String(await freePort('127.0.0.1')), PUBLIC_GRPC_PORT: '0', ZVONAR_DATA_DIR: dataDir, SIMULATION_TIME_SCALE: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => demo.once('exit', resolve));
    platformPid = Number(/stop it with: kill (\d+)/.exec(output)?.[1]) || undefined;

    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining(`platform ready at ${baseUrl}`) });
    expect(output).toMatch(/audience {2}60 contacts from a CSV/);
    const progress = output.split('\n').filter((line) => /^\[\d\d:\d\d\] /.test(line));
    expect(progress.length).toBeGreaterThan(2);
    const last = progress[progress.length - 1]!;
    expect(last).toMatch(/^\[\d\d:\d\d\] completed · calls placed \d+ · answered \d+ · goals \d+ · in call 0 · waiting 0 · spend \d+ billable s · contacts done 60\/60$/);
    // One contact is on the blacklist; the other 59 are called at least once.
    expect(Number(/calls placed (\d+)/.exec(last)?.[1])).toBeGreaterThanOrEqual(59);

    expect((await fetch(`${baseUrl}/api/docs`)).status).toBe(200);
    const token = /export ZVONAR_TOKEN=(\S+)/.exec(output)?.[1];
    const callUrl = /one call {6}curl -H "Authorization: Bearer \$ZVONAR_TOKEN" (\S+)/.exec(output)?.[1];
    const call = await fetch(callUrl!, { headers: { authorization: `Bearer ${token}` } });
    expect(call.status).toBe(200);
    const body = (await call.json()) as { call: { outcome: string }; timeline: { type: string }[] };
    expect(body.call.outcome).toBe('goal');
    expect(body.timeline.map((event) => event.type)).toEqual(expect.arrayContaining(['CallRequested', 'CallAnswered', 'GoalReached', 'CallEnded']));
  }, 420_000);
});
