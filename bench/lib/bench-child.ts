// A benchmark's helper process: a TypeScript module forked through swc (like tools/run/bench.mjs)
// that says `ready` with its addresses, then answers commands over the IPC channel by id. Its own
// output goes to stderr, so the benchmark's last stdout line stays its JSON.
import { fork, type ChildProcess } from 'node:child_process';

/** What a bench child sends: once ready (or failed), then one answer per command. */
export type BenchChildMessage<Ready> =
  | ({ kind: 'ready' } & Ready)
  | { kind: 'failed'; error: string }
  | { kind: 'answer'; id: number; result?: unknown; error?: string };

export interface BenchChild<Ready, Command> {
  readonly pid: number;
  /** What the child's `ready` message carried (its addresses). */
  readonly ready: Ready;
  /** Sends `command` and resolves with the child's answer; rejects with its error or its exit. */
  ask(command: Command): Promise<unknown>;
  /** The child's CPU time so far (µs, user + system): what it really ran, however busy the machine. */
  cpuMicros(): Promise<number>;
  /** Asks the child to stop (command `stop`), kills it if it cannot answer, and waits for its exit. */
  stop(): Promise<void>;
}

/**
 * Forks `module` with `env` added, waits for its `ready` message (`what` names it in errors). The
 * child must answer the commands `cpu-usage` (with process.cpuUsage()) and `stop`.
 */
export async function forkBenchChild<Ready extends object, Command extends { command: string }>(module: string, env: Record<string, string>, what: string): Promise<BenchChild<Ready, Command>> {
  const child: ChildProcess = fork(module, [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SWCRC: 'true', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);

  const answers = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let exited: Error | undefined;
  const started = new Promise<Ready>((resolve, reject) => {
    child.on('message', (message: BenchChildMessage<Ready>) => {
      if (message.kind === 'ready') resolve(message);
      else if (message.kind === 'failed') reject(new Error(`${what} did not start: ${message.error}`));
      else {
        const waiting = answers.get(message.id);
        answers.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.result);
      }
    });
    child.once('exit', (code, signal) => {
      exited = new Error(`${what} exited (${signal ?? code})`);
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

  let ready: Ready;
  try {
    ready = await started;
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    pid: child.pid!,
    ready,
    ask,
    cpuMicros: async () => {
      const { user, system } = (await ask({ command: 'cpu-usage' } as Command)) as NodeJS.CpuUsage;
      return user + system;
    },
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      await ask({ command: 'stop' } as Command).catch(() => child.kill());
      await gone;
    },
  };
}
