// Support for the event-store benchmarks (bench/eventstore-*.bench.ts): a throw-away database on
// the server of DATABASE_URL or on an embedded PostgreSQL, and a fixed-concurrency load runner.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export type BenchmarkDatabase = { url: string; server: string; close(): Promise<void> };

export async function openBenchmarkDatabase(label: string): Promise<BenchmarkDatabase> {
  let serverUrl = process.env['DATABASE_URL'];
  let stopServer = async (): Promise<void> => undefined;
  let server = 'DATABASE_URL';
  if (!serverUrl) {
    const { startEmbeddedPostgres } = await import('@zvonar/embedded-postgres');
    // A folder the launcher creates itself: PostgreSQL runs as another OS user when we are root.
    const running = await startEmbeddedPostgres({ dataDir: path.join(tmpdir(), `zvonar-bench-pg-${process.pid}-${Date.now()}`), ephemeral: true });
    serverUrl = running.url;
    stopServer = () => running.stop();
    server = 'embedded PostgreSQL 18';
  }
  const name = `bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    server,
    async close() {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await stopServer();
    },
  };
}

export type LoadResult = { seconds: number; latenciesMs: number[] };

/** Runs `operations` calls of `operation` with `concurrency` callers in flight, timing each one. */
export async function runConcurrently(concurrency: number, operations: number, operation: (worker: number, index: number) => Promise<void>): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let index = next++; index < operations; index = next++) {
        const before = process.hrtime.bigint();
        await operation(worker, index);
        latenciesMs.push(Number(process.hrtime.bigint() - before) / 1e6);
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, latenciesMs };
}
