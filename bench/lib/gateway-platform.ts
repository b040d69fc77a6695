// The bench's handle on gateway-platform.child.ts: forks it (TypeScript through swc, like
// tools/run/bench.mjs), waits for its addresses and sends it commands over the IPC channel.
// The child's own output goes to stderr, so the benchmark's last stdout line stays its JSON.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TraceReport } from './request-tracing';

export type ChildCommand =
  | { id: number; command: 'trace-start' | 'trace-stop' | 'profile-start' | 'stop' }
  | { id: number; command: 'profile-stop'; file: string };

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
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await ask({ command: 'stop' }).catch(() => child.kill());
      await gone;
    },
  };
}
