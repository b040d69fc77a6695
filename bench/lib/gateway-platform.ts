// The bench's handle on gateway-platform.child.ts: forks it (TypeScript through swc, like
// tools/run/bench.mjs), waits for its addresses and sends it commands over the IPC channel.
// The child's own output goes to stderr, so the benchmark's last stdout line stays its JSON.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { HopCost, HopCostInput } from './gateway-hop-costs';
import type { TraceReport } from './request-tracing';

export type ChildCommand =
  | { id: number; command: 'trace-start' | 'trace-stop' | 'profile-start' | 'cpu-usage' | 'stop' }
  | { id: number; command: 'profile-stop'; file: string }
  | { id: number; command: 'measure-hops'; input: HopCostRequest };

/** What the bench tells the child for measureHopCosts; the child adds the addresses. */
export type HopCostRequest = Omit<HopCostInput, 'identityGrpcUrl' | 'projectsGrpcUrl' | 'databaseUrl'>;

export type ChildMessage =
  | { kind: 'ready'; gatewayUrl: string; baselineUrl: string }
  | { kind: 'failed'; error: string }
  | { kind: 'answer'; id: number; result?: unknown; error?: string };

type Command = ChildCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

export interface GatewayPlatform {
  readonly pid: number;
  /** `http://127.0.0.1:port` of the gateway's REST API. */
  readonly gatewayUrl: string;
  /** `http://127.0.0.1:port` of the bare Fastify handler in the same process. */
  readonly baselineUrl: string;
  /** Counts and times SQL statements and gRPC calls in the child until `stopTracing`. */
  startTracing(): Promise<void>;
  stopTracing(): Promise<TraceReport>;
  /** Samples the child's CPU until `stopProfile`, which writes the `.cpuprofile` to `file`. */
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
  /** The child's CPU time so far (µs): what it really ran, however busy the machine. */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  /** Each piece of the GET alone, measured in the child (see gateway-hop-costs.ts). */
  measureHopCosts(input: HopCostRequest): Promise<HopCost[]>;
  /** The same, user + system. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

export async function startGatewayPlatform(databaseUrl: string): Promise<GatewayPlatform> {
  const child: ChildProcess = fork(path.join(__dirname, 'gateway-platform.child.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SWCRC: 'true', NODE_ENV: 'production', BENCH_DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);

  const answers = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited: Error | undefined;
  const ready = new Promise<{ gatewayUrl: string; baselineUrl: string }>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'ready') resolve(message);
      else if (message.kind === 'failed') reject(new Error(`the platform did not start: ${message.error}`));
      else {
        const waiting = answers.get(message.id);
        answers.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.result);
      }
    });
    child.once('exit', (code, signal) => {
      exited = new Error(`the platform process exited (${signal ?? code})`);
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

  let addresses: { gatewayUrl: string; baselineUrl: string };
  try {
    addresses = await ready;
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    pid: child.pid!,
    ...addresses,
    startTracing: async () => void (await ask({ command: 'trace-start' })),
    stopTracing: async () => (await ask({ command: 'trace-stop' })) as TraceReport,
    startProfile: async () => void (await ask({ command: 'profile-start' })),
    stopProfile: async (file) => void (await ask({ command: 'profile-stop', file })),
    measureHopCosts: async (input) => (await ask({ command: 'measure-hops', input })) as HopCost[],
    cpuUsage: async () => (await ask({ command: 'cpu-usage' })) as NodeJS.CpuUsage,
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
