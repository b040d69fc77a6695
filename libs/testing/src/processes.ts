import { eventually } from './wait';

/** Whether a process with this pid still exists (signal 0 asks the kernel without touching it). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the process is gone; fails after `timeoutMs` naming `what`. */
export async function processGone(pid: number, { timeoutMs = 20_000, what = `process ${pid} to end` }: { timeoutMs?: number; what?: string } = {}): Promise<void> {
  await eventually(() => !isProcessAlive(pid), { timeoutMs, intervalMs: 100, what });
}
