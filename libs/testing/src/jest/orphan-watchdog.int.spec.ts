import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isProcessAlive } from '../processes';
import { eventually } from '../wait';

// The watchdog as watchOrphans starts it: its own process, given the owner and the servers.
const startWatchdog = (ownerPid: number, servers: { pid: number; signal: string; dir?: string }[]): ChildProcess =>
  spawn(process.execPath, [path.join(__dirname, 'orphan-watchdog.mjs'), String(ownerPid), JSON.stringify(servers)], {
    stdio: 'ignore',
    env: { ...process.env, ZVONAR_WATCHDOG_POLL_MS: '100' },
  });

const idle = (): ChildProcess => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const until = (condition: () => boolean, what: string): Promise<true> => eventually(condition, { timeoutMs: 20_000, intervalMs: 100, what });

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

    await until(() => !isProcessAlive(server.pid!), 'the server to be stopped');
    await until(() => !existsSync(dir) && !isProcessAlive(watchdog), 'the folder removed and the watchdog gone');
  });

  it('leaves once the servers stopped normally, while the run is still alive', async () => {
    const owner = process_();
    const server = process_();
    const watchdog = startWatchdog(owner.pid!, [{ pid: server.pid!, signal: 'SIGTERM' }]).pid!;

    server.kill('SIGTERM');

    await until(() => !isProcessAlive(watchdog), 'the watchdog to leave');
    expect(isProcessAlive(owner.pid!)).toBe(true);
  });
});
