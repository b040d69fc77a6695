// A closed-loop HTTP/1.1 load generator for the HTTP benchmarks (bench/gateway.bench.ts): N
// keep-alive connections, one request in flight on each (no pipelining), for a fixed time.
//
// Why not node:http's Agent: its client costs more CPU per request than a bare Fastify server
// spends answering one, so on these 2-core machines the generator, not the server, would set the
// baseline's figure and flatter every ratio against it. This client writes one precomputed
// request buffer and parses only the status line and the framing (Content-Length or chunked) of
// each answer, as autocannon does, without adding a dependency for it.
import { connect, type Socket } from 'node:net';

export type HttpLoadOptions = {
  /** `http://host:port` of the server. */
  readonly origin: string;
  /** Path with query, e.g. `/api/v1/projects/123`. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly durationMs: number;
};

export type HttpLoadResult = {
  /** Answers received (2xx or not) to requests sent before the deadline. */
  readonly completed: number;
  /** Answers whose status was not 2xx, by status. */
  readonly failures: ReadonlyMap<number, number>;
  /** The first non-2xx answer, to say what went wrong. */
  readonly firstFailure?: string;
  readonly seconds: number;
  /** CPU time (user + system) this process spent generating the load: is the generator the limit? */
  readonly generatorCpuSeconds: number;
  readonly latenciesMs: number[];
};

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('0\r\n\r\n');

/** Where one answer ends in `buffer` (undefined while incomplete), and its status. */
export function parseAnswer(buffer: Buffer): { status: number; length: number } | undefined {
  const headerEnd = buffer.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const head = buffer.toString('latin1', 0, headerEnd).toLowerCase();
  // `HTTP/1.1 200 OK`: the three digits after the first space.
  const status = Number(head.slice(9, 12));
  const bodyStart = headerEnd + HEADER_END.length;
  const contentLength = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (contentLength) {
    const length = bodyStart + Number(contentLength[1]);
    return buffer.length >= length ? { status, length } : undefined;
  }
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) {
    // Small JSON answers: the terminating zero-length chunk is the first `0\r\n\r\n` after the head
    // that starts a line (a body cannot contain a bare CRLF inside a chunk's JSON text).
    const end = buffer.indexOf(CHUNKED_END, bodyStart);
    if (end < 0) return undefined;
    if (end !== bodyStart && buffer.toString('latin1', end - 2, end) !== '\r\n') throw new Error('unsupported chunked answer');
    return { status, length: end + CHUNKED_END.length };
  }
  if (status === 204 || status === 304) return { status, length: bodyStart };
  throw new Error(`answer without Content-Length or chunked framing: ${head.split('\r\n')[0]}`);
}

/** One keep-alive connection sending the same request and resolving each answer's status. */
class LoadConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private waiting?: { resolve: (status: number) => void; reject: (error: Error) => void };
  lastAnswer = '';

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed a keep-alive connection')));
  }

  static open(host: string, port: number): Promise<LoadConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new LoadConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let answer: ReturnType<typeof parseAnswer>;
    try {
      answer = parseAnswer(this.buffer);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (!answer) return;
    if (answer.status < 200 || answer.status > 299) this.lastAnswer = this.buffer.toString('utf8', 0, answer.length);
    this.buffer = this.buffer.subarray(answer.length);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(answer.status);
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}

/**
 * Opens `connections` connections (not timed), then keeps one request in flight on each until
 * `durationMs` has passed; the figure is answers / time until the last answer arrived.
 */
export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const origin = new URL(options.origin);
  const port = Number(origin.port);
  const headerLines = Object.entries({ host: origin.host, ...options.headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  const request = Buffer.from(`GET ${options.path} HTTP/1.1\r\n${headerLines.join('')}\r\n`, 'latin1');
  const connections = await Promise.all(Array.from({ length: options.connections }, () => LoadConnection.open(origin.hostname, port)));
  const latenciesMs: number[] = [];
  const failures = new Map<number, number>();
  let firstFailure: string | undefined;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(options.durationMs) * 1_000_000n;
  try {
    await Promise.all(
      connections.map(async (connection) => {
        for (let sent = process.hrtime.bigint(); sent < deadline; ) {
          const status = await connection.send(request);
          const answered = process.hrtime.bigint();
          latenciesMs.push(Number(answered - sent) / 1e6);
          if (status < 200 || status > 299) {
            failures.set(status, (failures.get(status) ?? 0) + 1);
            firstFailure ??= connection.lastAnswer;
          }
          sent = answered;
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  return { completed: latenciesMs.length, failures, firstFailure, seconds, generatorCpuSeconds: (cpu.user + cpu.system) / 1e6, latenciesMs };
}

/** Throws when any answer was not 2xx: a figure made of refusals (429, 401, 503) measures nothing. */
export function assertAllSucceeded(what: string, result: HttpLoadResult): void {
  if (result.failures.size === 0) return;
  const statuses = [...result.failures].map(([status, count]) => `${count} x ${status}`).join(', ');
  throw new Error(`${what}: ${statuses} of ${result.completed} answers were not 2xx; first: ${result.firstFailure ?? '(none kept)'}`);
}
