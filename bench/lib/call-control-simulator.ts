// The bench's handle on call-control-simulator.child.ts: forks it (TypeScript through swc, like
// tools/run/bench.mjs), waits for its addresses and asks it for its figures over IPC. The
// child's own output goes to stderr, so the benchmark's last stdout line stays its JSON.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DialplanStep } from '../../tools/ari-simulator/src';

export type SimulatorCommand =
  | { id: number; command: 'stats' | 'counts' | 'hangup-all' | 'cpu-usage' | 'stop' }
  /** Starts counting afresh; `record` keeps the frames for the next replay. */
  | { id: number; command: 'phase'; record: boolean }
  /** The far end of every call in progress presses `digit` once. */
  | { id: number; command: 'press-all'; digit: string }
  /** Keys at a steady rate, round-robin over the calls in progress. */
  | { id: number; command: 'press-steady'; digit: string; perSecond: number; seconds: number };

export type SimulatorMessage =
  | { kind: 'ready'; url: string; replayUrl: string }
  | { kind: 'failed'; error: string }
  | { kind: 'answer'; id: number; result?: unknown; error?: string };

/** What the simulator saw since the phase began. Times are epoch ms; latencies ms on its clock. */
export type PhaseStats = {
  events: number;
  firstEventAt: number;
  lastEventAt: number;
  byType: Record<string, number>;
  latenciesMs: number[];
  liveCalls: number;
};

type Command = SimulatorCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

export interface BenchSimulator {
  readonly pid: number;
  /** ARI base URL (`http://127.0.0.1:port`, ARI below `/ari`). */
  readonly url: string;
  /** A WebSocket that replays the last recorded phase's frames, then END_OF_REPLAY. */
  readonly replayUrl: string;
  /** Ends the current phase (its frames become the replay if it recorded them); returns the replay's frame count. */
  phase(record: boolean): Promise<number>;
  stats(): Promise<PhaseStats>;
  counts(): Promise<Pick<PhaseStats, 'events' | 'byType' | 'liveCalls'>>;
  /** The far end of every call in progress presses `digit` once; returns how many. */
  pressAll(digit: string): Promise<number>;
  /** `perSecond` key presses round-robin over the calls in progress for `seconds`; resolves with how many, once done. */
  pressSteadily(digit: string, perSecond: number, seconds: number): Promise<number>;
  /** The far end hangs up every call in progress (cause 16); returns how many. */
  hangUpAll(): Promise<number>;
  /** The child's CPU time so far (µs, user + system). */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

export async function startBenchSimulator(options: { app: string; timeScale: number; callees: Record<string, DialplanStep[]> }): Promise<BenchSimulator> {
  const child: ChildProcess = fork(path.join(__dirname, 'call-control-simulator.child.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SWCRC: 'true', NODE_ENV: 'production', BENCH_ARI_APP: options.app, BENCH_TIME_SCALE: String(options.timeScale), BENCH_CALLEES: JSON.stringify(options.callees) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);

  const answers = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited: Error | undefined;
  const ready = new Promise<{ url: string; replayUrl: string }>((resolve, reject) => {
    child.on('message', (message: SimulatorMessage) => {
      if (message.kind === 'ready') resolve(message);
      else if (message.kind === 'failed') reject(new Error(`the ARI simulator did not start: ${message.error}`));
      else {
        const waiting = answers.get(message.id);
        answers.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.result);
      }
    });
    child.once('exit', (code, signal) => {
      exited = new Error(`the ARI simulator exited (${signal ?? code})`);
      reject(exited);
      for (const waiting of answers.values()) waiting.reject(exited);
      answers.clear();
    });
  });
  const ask = (command: Command): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(exited);
      const id = (nextId += 1);
      answers.set(id, { resolve, reject });
      child.send({ ...command, id });
    });

  let addresses: { url: string; replayUrl: string };
  try {
    addresses = await ready;
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    pid: child.pid!,
    url: addresses.url,
    replayUrl: addresses.replayUrl,
    phase: async (record) => (await ask({ command: 'phase', record })) as number,
    stats: async () => (await ask({ command: 'stats' })) as PhaseStats,
    counts: async () => (await ask({ command: 'counts' })) as Pick<PhaseStats, 'events' | 'byType' | 'liveCalls'>,
    pressAll: async (digit) => (await ask({ command: 'press-all', digit })) as number,
    pressSteadily: async (digit, perSecond, seconds) => (await ask({ command: 'press-steady', digit, perSecond, seconds })) as number,
    hangUpAll: async () => (await ask({ command: 'hangup-all' })) as number,
    cpuMicros: async () => {
      const { user, system } = (await ask({ command: 'cpu-usage' })) as NodeJS.CpuUsage;
      return user + system;
    },
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await ask({ command: 'stop' }).catch(() => child.kill());
      await gone;
    },
  };
}
