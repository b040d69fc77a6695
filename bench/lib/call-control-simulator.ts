// The bench's handle on call-control-simulator.child.ts (a bench child, see bench-child.ts): its
// addresses, and the figures and actions it answers over IPC.
import path from 'node:path';
import { forkBenchChild, type BenchChildMessage } from './bench-child';
import type { DialplanStep } from '../../tools/ari-simulator/src';

export type SimulatorCommand =
  | { id: number; command: 'stats' | 'counts' | 'hangup-all' | 'cpu-usage' | 'stop' }
  /** Starts counting afresh; `record` keeps the frames for the next replay. */
  | { id: number; command: 'phase'; record: boolean }
  /** The far end of every call in progress presses `digit` once. */
  | { id: number; command: 'press-all'; digit: string }
  /** Keys at a steady rate, round-robin over the calls in progress. */
  | { id: number; command: 'press-steady'; digit: string; perSecond: number; seconds: number };

type Addresses = { url: string; replayUrl: string };
export type SimulatorMessage = BenchChildMessage<Addresses>;

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
  const env = { BENCH_ARI_APP: options.app, BENCH_TIME_SCALE: String(options.timeScale), BENCH_CALLEES: JSON.stringify(options.callees) };
  const child = await forkBenchChild<Addresses, Command>(path.join(__dirname, 'call-control-simulator.child.ts'), env, 'the ARI simulator');
  const { ask } = child;
  return {
    pid: child.pid,
    url: child.ready.url,
    replayUrl: child.ready.replayUrl,
    phase: async (record) => (await ask({ command: 'phase', record })) as number,
    stats: async () => (await ask({ command: 'stats' })) as PhaseStats,
    counts: async () => (await ask({ command: 'counts' })) as Pick<PhaseStats, 'events' | 'byType' | 'liveCalls'>,
    pressAll: async (digit) => (await ask({ command: 'press-all', digit })) as number,
    pressSteadily: async (digit, perSecond, seconds) => (await ask({ command: 'press-steady', digit, perSecond, seconds })) as number,
    hangUpAll: async () => (await ask({ command: 'hangup-all' })) as number,
    cpuMicros: child.cpuMicros,
    stop: child.stop,
  };
}
