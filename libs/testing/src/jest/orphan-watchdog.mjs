// Ends the throw-away servers of a jest run whose jest process is gone before its global teardown
// ran (a run killed or timed out): without it, each such run leaves a Kafka broker and a
// PostgreSQL server running on the machine until someone finds them.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const POLL_MS = Number(process.env.ZVONAR_WATCHDOG_POLL_MS ?? 1_000);

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts a detached watchdog of `servers` ({ pid, signal, dir? }) for as long as `ownerPid` lives.
 * It leaves on its own once every server has stopped (the normal teardown); when the owner dies
 * first it signals each server still running and removes its folder.
 */
export function watchOrphans(ownerPid, servers) {
  const child = spawn(process.execPath, [import.meta.filename, String(ownerPid), JSON.stringify(servers)], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid;
}

async function watch(ownerPid, servers) {
  for (;;) {
    const running = servers.filter((server) => alive(server.pid));
    if (running.length === 0) return;
    if (!alive(ownerPid)) {
      for (const server of running) {
        try {
          process.kill(server.pid, server.signal);
        } catch {
          // gone meanwhile
        }
      }
      for (let waited = 0; waited < 30_000 && running.some((server) => alive(server.pid)); waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
      for (const server of running) if (server.dir) rmSync(server.dir, { recursive: true, force: true });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  await watch(Number(process.argv[2]), JSON.parse(process.argv[3] ?? '[]'));
}
