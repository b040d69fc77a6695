import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The watchdog as watchOrphans starts it: its own process, given the owner and the servers.
const startWatchdog = (ownerPid: number, servers: { pid: number; signal: string; dir?: string }[]): ChildProcess =>
  spawn(process.execPath, [path.join(__dirname, 'orphan-watchdog.mjs'), String(ownerPid), JSON.stringify(servers)], {
    stdio: 'ignore',
    env: { ...process.env, ZVONAR_WATCHDOG_POLL_MS: '100' },
  });

const idle = (): ChildProcess => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (condition: () => boolean, what: string): Promise<void> => {
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('the orphan watchdog of throw-away test servers', () => {
  const started: ChildProcess[] = [];
  afterAll(() => started.forEach((child) => child.kill('SIGKILL')));
  const process_ = () => {
    const child = idle();
    started.push(child);
    return child;
  };

  it('given a jest run that dies before its teardown, then its servers are stopped and their folders removed', async () => {
    const owner = process_();
    const server = process_();
    const dir = mkdtempSync(path.join(tmpdir(), 'zvonar-watchdog-spec-'));
    const watchdog = startWatchdog(owner.pid!, [{ pid: server.pid!, signal: 'SIGTERM', dir }]).pid!;

    owner.kill('SIGKILL');

    await until(() => !alive(server.pid!), 'the server to be stopped');
    await until(() => !existsSync(dir) && !alive(watchdog), 'the folder removed and the watchdog gone');
  });

  it('leaves once the servers stopped normally, while the run is still alive', async () => {
    const owner = process_();
    const server = process_();
    const watchdog = startWatchdog(owner.pid!, [{ pid: server.pid!, signal: 'SIGTERM' }]).pid!;

    server.kill('SIGTERM');

    await until(() => !alive(watchdog), 'the watchdog to leave');
    expect(alive(owner.pid!)).toBe(true);
  });
});
