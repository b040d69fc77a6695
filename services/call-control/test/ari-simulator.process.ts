import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '../../..');

export interface SimulatorProcess {
  baseUrl: string;
  /** Cuts the simulator's events WebSockets without a close handshake. */
  dropEventSockets(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Runs the ARI simulator as its own process, the way the distributed demo does (a service
 * does not import a tool's code), on a free loopback port.
 */
export async function startSimulatorProcess(timeScale: number, port = 0): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/ari-simulator/src/main.ts', '--port', String(port), '--time-scale', String(timeScale)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout = child.stdout;
  if (!stdout) throw new Error('simulator has no stdout');
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.once('line', (line) => resolve((JSON.parse(line) as { ariSimulator: string }).ariSimulator));
    child.once('exit', (code) => reject(new Error(`simulator exited with ${String(code)}`)));
  });
  return {
    baseUrl,
    async dropEventSockets() {
      const response = await fetch(`${baseUrl}/_sim/drop-event-sockets`, { method: 'POST' });
      return ((await response.json()) as { dropped: number }).dropped;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
