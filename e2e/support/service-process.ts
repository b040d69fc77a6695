import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '@zvonar/platform';
import { eventually } from '@zvonar/testing';

/** The repository root: services are started from their sources there, as in the distributed mode. */
const repoRoot = path.resolve(__dirname, '..', '..');

/** The loopback ports of one service process. */
export interface ServicePorts {
  readonly http: number;
  readonly grpc: number;
}

/**
 * One service as its own Node process (`node -r @swc-node/register services/<name>/src/main.ts`),
 * on loopback ports chosen here, configured only by environment variables. `restart()` starts it
 * again on the same ports after a kill.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private output: string[] = [];
  readonly httpUrl: string;
  readonly grpcUrl: string;

  private constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    httpPort: number,
    grpcPort: number,
  ) {
    this.httpUrl = `http://127.0.0.1:${httpPort}`;
    this.grpcUrl = `127.0.0.1:${grpcPort}`;
    this.env = {
      ...env,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(httpPort),
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(grpcPort),
    };
  }

  /**
   * Starts `services/<name>/src/main.ts`. `ports` are chosen beforehand when the services must
   * learn each other's addresses (`<NAME>_GRPC_URL`) before any of them starts.
   */
  static async start(name: string, env: Record<string, string>, ports?: ServicePorts, readyTimeoutMs?: number): Promise<ServiceProcess> {
    const { http, grpc } = ports ?? (await ServiceProcess.freePorts());
    const service = new ServiceProcess(name, env, http, grpc);
    await service.restart(readyTimeoutMs);
    return service;
  }

  static async freePorts(): Promise<ServicePorts> {
    return { http: await freePort('127.0.0.1'), grpc: await freePort('127.0.0.1') };
  }

  /** Starts the process and resolves once /readyz answers 200 (every readiness check passes). */
  async restart(timeoutMs = 90_000): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${this.name}/src/main.ts`], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', SWCRC: 'true', LOG_LEVEL: 'info', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.log()}`);
        return fetch(`${this.httpUrl}/readyz`).then(
          (response) => response.status === 200,
          () => false,
        );
      },
      { timeoutMs, intervalMs: 200, what: `${this.name} to be ready` },
    ).catch(async (error: unknown) => {
      // A process that never got ready is not left running behind the failed test.
      await this.kill();
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${this.log()}`);
    });
  }

  /** SIGKILL: no drain, no offset commit, no goodbye to the consumer group; a crash. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: the graceful shutdown an orchestrator asks for. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  log(): string {
    return this.output.join('').split('\n').slice(-60).join('\n');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}
