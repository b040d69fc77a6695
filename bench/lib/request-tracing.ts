// Counts and times what one process does on behalf of its requests: every SQL statement sent
// through `pg` (from query to result) and every unary gRPC call served by `@grpc/grpc-js` in this
// process (from handler to answer, server side: grpc-js binds the client's request functions into
// each generated client class when its module loads, so the client side cannot be wrapped), by
// statement text and by method. The wrappers are installed when this module loads, before any
// service registers its handlers; until `startRequestTracing()` they only check a variable, so
// the closures and clock reads are paid during an explanation run only.
import { Server as GrpcServer } from '@grpc/grpc-js';
import { Client as PgClient } from 'pg';

export type CallFigures = { calls: number; totalMs: number };
export type TraceReport = { sql: Record<string, CallFigures>; grpc: Record<string, CallFigures> };

type AnyFunction = (...args: unknown[]) => unknown;

/** Wraps the last function argument (a node-style callback) so it records the call's duration first. */
function timeCallback(args: unknown[], record: (ms: number) => void): boolean {
  const index = args.length - 1;
  const callback = args[index];
  if (typeof callback !== 'function') return false;
  const started = process.hrtime.bigint();
  args[index] = function (this: unknown, ...results: unknown[]) {
    record(Number(process.hrtime.bigint() - started) / 1e6);
    return (callback as AnyFunction).apply(this, results);
  };
  return true;
}

const statementOf = (query: unknown): string => {
  const text = typeof query === 'string' ? query : ((query as { text?: unknown } | undefined)?.text ?? '(submittable)');
  return String(text).replace(/\s+/g, ' ').trim().slice(0, 160);
};

let active: TraceReport | undefined;

/** Counts one call under `key` and returns how to add its duration (nothing while tracing is off). */
function recorder(pick: (report: TraceReport) => Record<string, CallFigures>, key: string): ((ms: number) => void) | undefined {
  if (!active) return undefined;
  const table = pick(active);
  const figures = (table[key] ??= { calls: 0, totalMs: 0 });
  figures.calls += 1;
  return (ms) => {
    figures.totalMs += ms;
  };
}

const originalQuery = PgClient.prototype.query as unknown as AnyFunction;
(PgClient.prototype as unknown as { query: AnyFunction }).query = function (this: unknown, ...args: unknown[]) {
  const record = active && recorder((report) => report.sql, statementOf(args[0]));
  if (!record || timeCallback(args, record)) return originalQuery.apply(this, args);
  const started = process.hrtime.bigint();
  const result = originalQuery.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === 'function') {
    const done = () => record(Number(process.hrtime.bigint() - started) / 1e6);
    (result as Promise<unknown>).then(done, done);
  }
  return result;
};

const originalRegister = GrpcServer.prototype.register as unknown as AnyFunction;
(GrpcServer.prototype as unknown as { register: AnyFunction }).register = function (this: unknown, name: unknown, handler: unknown, ...rest: unknown[]) {
  const type = rest[rest.length - 1];
  if (type !== 'unary' || typeof handler !== 'function') return originalRegister.call(this, name, handler, ...rest);
  // A unary handler is (call, callback): the callback is the answer.
  const traced = function (this: unknown, ...args: unknown[]) {
    const record = recorder((report) => report.grpc, String(name));
    if (record) timeCallback(args, record);
    return (handler as AnyFunction).apply(this, args);
  };
  return originalRegister.call(this, name, traced, ...rest);
};

/** Counts and times from now until `stop()`, which returns the figures. */
export function startRequestTracing(): { stop(): TraceReport } {
  const report: TraceReport = { sql: {}, grpc: {} };
  active = report;
  return {
    stop() {
      if (active === report) active = undefined;
      return report;
    },
  };
}
