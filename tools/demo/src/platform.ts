import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ready = (baseUrl: string): Promise<boolean> =>
  fetch(`${baseUrl}/readyz`).then(
    (response) => response.ok,
    () => false,
  );

/** How the demo got its platform: already running, or started now (and how to stop it). */
export type PlatformOrigin = { readonly kind: 'running' } | { readonly kind: 'started'; readonly pid: number; readonly logFile: string };

/**
 * Uses the platform answering at `baseUrl`, or starts `npm start` (tools/run/start.mjs) detached, on
 * the URL's port, with the simulated telephony at `timeScale`, logging to .zvonar/demo-platform.log,
 * and waits until /readyz says every hosted service is ready.
 */
export async function ensurePlatform(repoRoot: string, baseUrl: string, timeScale: number, say: (line: string) => void): Promise<PlatformOrigin> {
  if (await ready(baseUrl)) return { kind: 'running' };
  const url = new URL(baseUrl);
  const logFile = path.join(repoRoot, '.zvonar', 'demo-platform.log');
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['tools/run/start.mjs'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      HTTP_HOST: url.hostname,
      HTTP_PORT: url.port || '80',
      SIMULATION_TIME_SCALE: process.env.SIMULATION_TIME_SCALE ?? String(timeScale),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
  });
  child.unref();
  say(`no platform at ${baseUrl}: starting it (npm start, pid ${child.pid}, log ${path.relative(repoRoot, logFile)})…`);
  const deadline = Date.now() + 240_000;
  while (!(await ready(baseUrl))) {
    if (child.exitCode !== null) throw new Error(`the platform exited (${child.exitCode}); its log:\n${tail(logFile)}`);
    if (Date.now() > deadline) throw new Error(`the platform is not ready after 4 minutes; its log:\n${tail(logFile)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { kind: 'started', pid: child.pid!, logFile };
}

const tail = (file: string): string => readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
