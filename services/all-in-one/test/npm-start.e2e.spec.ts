import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@zvonar/platform';
import { eventually, isProcessAlive } from '@zvonar/testing';

const repoRoot = path.resolve(__dirname, '../../..');

interface Started {
  readonly launcher: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** `npm start` as a user runs it (node tools/run/start.mjs), on its own data folder and ports. */
function npmStart(env: Record<string, string>): Started {
  let output = '';
  const launcher = spawn(process.execPath, ['tools/run/start.mjs'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
  return { launcher, output: () => output, exited };
}

interface StatusBody {
  ok: boolean;
  starts: number;
  services: {
    name: string;
    grpcUrl: string;
    status?: { service: string; pid: number; ready: boolean; probe: string };
  }[];
}

describe('npm start (all-in-one)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'zvonar-e2e-data-'));
  // mkdtemp makes the folder private; run as root, PostgreSQL runs as the OS user `postgres`
  // and must be able to enter it.
  chmodSync(dataDir, 0o755);
  const started: Started[] = [];
  const platformPids: number[] = [];

  afterAll(() => {
    // Only what this suite started, by PID, and only if a failed test left it running.
    for (const { launcher } of started) if (launcher.pid && isProcessAlive(launcher.pid)) process.kill(launcher.pid, 'SIGKILL');
    for (const pid of platformPids) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function runOnce(expectedStarts: number): Promise<void> {
    const [httpPort, grpcPort] = [await freePort(), await freePort()];
    const baseUrl = `http://127.0.0.1:${httpPort}`;
    const run = npmStart({
      ZVONAR_DATA_DIR: dataDir,
      HTTP_PORT: String(httpPort),
      GRPC_PORT: String(grpcPort),
      PUBLIC_GRPC_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    started.push(run);

    await eventually(
      () => {
        if (run.launcher.exitCode !== null) throw new Error(`npm start exited early:\n${run.output()}`);
        return fetch(`${baseUrl}/readyz`).then(
          (response) => response.ok,
          () => false,
        );
      },
      { timeoutMs: 150_000, intervalMs: 200, what: `readiness of ${baseUrl}` },
    );
    const platformPid = Number(/Zvonar all-in-one is up \(pid (\d+)\)/.exec(run.output())?.[1]);
    platformPids.push(platformPid);
    expect(run.output()).toContain(`status    ${baseUrl}/api/status`);
    expect(run.output()).toContain(`gRPC      127.0.0.1:${grpcPort}  (all-in-one)`);

    // The host is ready once every hosted service said so; on a loaded machine one of them may
    // still be finishing a check when asked again, so the status is awaited, and a status that
    // never settles names the services that are not ready.
    let last: { status: number; body: StatusBody } | undefined;
    const body = await eventually(
      async () => {
        const response = await fetch(`${baseUrl}/api/status`);
        last = { status: response.status, body: (await response.json()) as StatusBody };
        return response.status === 200 && last.body;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: '/api/status to report every hosted service ready' },
    ).catch((error: Error) => {
      const notReady = last?.body.services.filter((service) => service.status?.ready !== true);
      throw new Error(`${error.message}; last ${last?.status}: ${JSON.stringify(notReady)}`);
    });
    expect(body.ok).toBe(true);
    expect(body.starts).toBe(expectedStarts);
    // Every hosted module answers; the platform's own status module is the one whose reply this
    // test knows in full (other services join the registry over time).
    expect(body.services.length).toBeGreaterThanOrEqual(1);
    expect(body.services.every((service) => service.status?.ready === true)).toBe(true);
    const platformStatus = body.services.find((service) => service.name === 'platform-status');
    // Answered through the hosted module's own loopback gRPC server, by the same process.
    expect(platformStatus).toMatchObject({
      name: 'platform-status',
      status: { service: 'platform-status', pid: platformPid, ready: true },
    });
    expect(platformStatus?.grpcUrl).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(platformStatus?.grpcUrl).not.toBe(`127.0.0.1:${grpcPort}`);

    run.launcher.kill('SIGTERM');
    await expect(run.exited).resolves.toBe(0);
    expect(isProcessAlive(platformPid)).toBe(false);
    expect(run.output()).toContain('PostgreSQL stopped');
    // A clean PostgreSQL shutdown removes its pid file; a killed server leaves it behind.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }

  it('serves /api/status over loopback gRPC and stops both processes on SIGTERM', async () => {
    await runOnce(1);
  }, 240_000);

  it('finds the data of the first run when started again', async () => {
    await runOnce(2);
  }, 240_000);
});
