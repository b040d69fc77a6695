// gateway: an authenticated REST GET through the whole edge against a bare Fastify handler, both
// served by one child process and loaded by this one, interleaved. Targets (issue 7, item 5):
// requests/s of `GET /api/v1/projects/{id}` with `Authorization: Bearer <access token>` >= 30% of
// the bare handler's requests/s in the same run, and the GET's p99 <= 20 ms, at 100 connections.
//
// Subject: the real path as the all-in-one process hosts it (identity + projects + gateway, each
// its own Nest app and loopback gRPC server, over one PostgreSQL database): Fastify/Nest routing,
// the per-IP bucket, identity's Authenticate over gRPC (token check + its session query), the
// per-account bucket and scope, the route's input validation, projects' GetProject over gRPC (its
// membership check and query), the proto -> JSON answer. The rate limits are raised so that the
// buckets are checked but never refuse: one client and one account would otherwise get 429.
// Baseline: a bare Fastify handler in the same child process (same Node, same event loop, same
// request bytes, route with the same path parameter) answering a small JSON.
//
// Load: this process keeps 100 keep-alive connections busy with one request each (closed loop,
// no pipelining) for a fixed time per round (bench/lib/http-load.ts). Every answer must be 2xx or
// the bench fails. Honest caveat: the machine has 2 cores, shared by this load generator, the
// child, PostgreSQL and whatever else runs; the figures are of this machine at that moment.
//
// When a target is missed (or with --explain) it says where the time goes before the verdict:
// SQL statements and gRPC calls per request with their mean time (one connection, traced), and a
// CPU profile of the child under load, per request, by area (package / service / Node module).
//
// Usage: npm run bench -- gateway [--duration=5] [--pairs=5] [--connections=100] [--quick]
//        [--explain | --no-explain] [--profile-dir=<dir>]
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { summariseCpuProfile, type CpuProfile, type ProfileSummary } from './lib/cpu-profile';
import { openBenchmarkDatabase } from './lib/database';
import { startGatewayPlatform, type GatewayPlatform } from './lib/gateway-platform';
import { interleave, log, median, percentile, report, type Check } from './lib/harness';
import { assertAllSucceeded, runHttpLoad, type HttpLoadResult } from './lib/http-load';
import type { CallFigures } from './lib/request-tracing';

const argument = (name: string): string | undefined => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const quick = flag('quick');
const DURATION_MS = Number(argument('duration') ?? (quick ? 2 : 5)) * 1000;
const PAIRS = Number(argument('pairs') ?? (quick ? 3 : 5));
const CONNECTIONS = Number(argument('connections') ?? 100);
const RPS_TARGET = 0.3;
const P99_TARGET_MS = 20;

type Answer = { status: number; body: Record<string, unknown> };

/** A JSON call to the gateway during preparation; anything but `expected` stops the bench. */
async function call(origin: string, method: string, url: string, expected: number, body?: unknown, token?: string): Promise<Answer> {
  const response = await fetch(`${origin}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  if (answer.status !== expected) throw new Error(`${method} ${url}: expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** Registers, confirms through the local outbox, signs in and creates a project: the token and the GET's path. */
async function prepare(gatewayUrl: string): Promise<{ token: string; path: string }> {
  const email = `bench-${Date.now()}@example.test`;
  const password = 'Zvonar-Password-2026';
  await call(gatewayUrl, 'POST', '/api/v1/auth/register', 202, { email, password, consent: { accepted: true, textVersion: '2026-01' } });
  const outbox = await call(gatewayUrl, 'GET', `/api/v1/dev/outbox?recipient=${encodeURIComponent(email)}&limit=1`, 200);
  const code = /\b(\d{6})\b/.exec((outbox.body['items'] as { body: string }[] | undefined)?.[0]?.body ?? '')?.[1];
  if (!code) throw new Error(`no confirmation code in the outbox: ${JSON.stringify(outbox.body)}`);
  await call(gatewayUrl, 'POST', '/api/v1/auth/email/confirm', 204, { email, code });
  const login = await call(gatewayUrl, 'POST', '/api/v1/auth/login', 200, { email, password });
  const token = String(login.body['accessToken']);
  const project = await call(gatewayUrl, 'POST', '/api/v1/projects', 201, { name: 'Бенчмарк' }, token);
  const projectPath = `/api/v1/projects/${String(project.body['projectId'])}`;
  await call(gatewayUrl, 'GET', projectPath, 200, undefined, token);
  return { token, path: projectPath };
}

/**
 * Calls per request: what the traced requests caused, less what the idle trace of the same length
 * shows happening anyway (bus polling, outbox relays), which is listed apart as calls per second.
 */
function perRequest(loaded: Record<string, CallFigures>, idle: Record<string, CallFigures>, requests: number, seconds: number): { lines: string[]; calls: number } {
  const lines: string[] = [];
  const background: string[] = [];
  let calls = 0;
  for (const [name, figures] of Object.entries(loaded).sort((a, b) => b[1].totalMs - a[1].totalMs)) {
    const own = figures.calls - (idle[name]?.calls ?? 0);
    const mean = (figures.totalMs / figures.calls).toFixed(3);
    if (own / requests >= 0.5) {
      calls += own;
      lines.push(`  ${(own / requests).toFixed(2)} x ${mean} ms  ${name}`);
    } else background.push(`  (background ${(figures.calls / seconds).toFixed(1)}/s x ${mean} ms)  ${name}`);
  }
  return { lines: [...lines, ...background], calls: Math.round((calls / requests) * 100) / 100 };
}

function printProfile(what: string, summary: ProfileSummary, requests: number): void {
  const us = (ms: number) => `${Math.round((ms * 1000) / requests)} µs`;
  log(`${what}: ${requests} requests, child CPU busy ${summary.busyMs} ms of ${summary.sampledMs} ms sampled = ${us(summary.busyMs)} per request; self time by area per request:`);
  for (const area of summary.areas.filter((share) => share.name !== '(idle)').slice(0, 18)) log(`  ${us(area.ms).padStart(8)}  ${(area.share * 100).toFixed(1).padStart(5)}%  ${area.name}`);
  log(`${what}: hottest functions (self time per request):`);
  for (const fn of summary.functions.filter((share) => share.name !== '(idle)').slice(0, 20)) log(`  ${us(fn.ms).padStart(8)}  ${fn.name}`);
}

/** One loaded round of `origin` under the CPU profiler, summarised per request. */
async function profiledRound(platform: GatewayPlatform, origin: string, load: { path: string; headers: Record<string, string> }, file: string): Promise<{ summary: ProfileSummary; result: HttpLoadResult }> {
  await platform.startProfile();
  const result = await runHttpLoad({ origin, ...load, connections: CONNECTIONS, durationMs: DURATION_MS });
  await platform.stopProfile(file);
  assertAllSucceeded(`profiled round of ${origin}`, result);
  return { summary: summariseCpuProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile, 40), result };
}

/** Where the subject's time goes: traced calls per request, then CPU per request against the baseline's. */
async function explain(platform: GatewayPlatform, load: { path: string; headers: Record<string, string> }): Promise<Record<string, unknown>> {
  log('--- where the time goes ---');
  const traceMs = Math.min(DURATION_MS, 3000);
  await platform.startTracing();
  await new Promise((resolve) => setTimeout(resolve, traceMs));
  const idle = await platform.stopTracing();
  await platform.startTracing();
  const traced = await runHttpLoad({ origin: platform.gatewayUrl, ...load, connections: 1, durationMs: traceMs });
  const trace = await platform.stopTracing();
  assertAllSucceeded('traced run', traced);
  const sequential = await runHttpLoad({ origin: platform.baselineUrl, ...load, connections: 1, durationMs: traceMs });
  log(`one connection, traced: ${traced.completed} requests, mean ${((traced.seconds * 1000) / traced.completed).toFixed(3)} ms per GET (bare handler untraced: ${((sequential.seconds * 1000) / sequential.completed).toFixed(3)} ms)`);
  const grpc = perRequest(trace.grpc, idle.grpc, traced.completed, traced.seconds);
  const sql = perRequest(trace.sql, idle.sql, traced.completed, traced.seconds);
  log('gRPC calls per request (count x mean ms in the serving handler, method):');
  for (const line of grpc.lines) log(line);
  log('SQL statements per request (count x mean ms from query to result, statement):');
  for (const line of sql.lines) log(line);

  const profileDir = argument('profile-dir') ?? mkdtempSync(path.join(tmpdir(), 'zvonar-bench-gateway-'));
  const subject = await profiledRound(platform, platform.gatewayUrl, load, path.join(profileDir, 'gateway-get.cpuprofile'));
  const baseline = await profiledRound(platform, platform.baselineUrl, load, path.join(profileDir, 'bare-fastify.cpuprofile'));
  printProfile('subject under load (profiled)', subject.summary, subject.result.completed);
  printProfile('baseline under load (profiled)', baseline.summary, baseline.result.completed);
  log(`CPU profiles (open in Chrome DevTools): ${profileDir}`);
  return {
    grpcCallsPerRequest: grpc.calls,
    sqlStatementsPerRequest: sql.calls,
    subjectCpuUsPerRequest: Math.round((subject.summary.busyMs * 1000) / subject.result.completed),
    baselineCpuUsPerRequest: Math.round((baseline.summary.busyMs * 1000) / baseline.result.completed),
  };
}

void (async () => {
  const database = await openBenchmarkDatabase('gateway');
  let platform: GatewayPlatform | undefined;
  try {
    platform = await startGatewayPlatform(database.url);
    const { token, path: projectPath } = await prepare(platform.gatewayUrl);
    const load = { path: projectPath, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } };
    const p99s = { baseline: [] as number[], subject: [] as number[] };
    const round = (origin: string, side: 'baseline' | 'subject') => async (index: number) => {
      const result = await runHttpLoad({ origin, ...load, connections: CONNECTIONS, durationMs: DURATION_MS });
      assertAllSucceeded(`${side} round ${index}`, result);
      const rps = result.completed / result.seconds;
      const p99 = percentile(result.latenciesMs, 99);
      if (index >= 0) p99s[side].push(p99);
      log(`${side} round ${index}: ${Math.round(rps)} req/s, p50 ${percentile(result.latenciesMs, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
      return rps;
    };
    const run = await interleave(PAIRS, round(platform.baselineUrl, 'baseline'), round(platform.gatewayUrl, 'subject'));

    const figures: Record<string, unknown> = {
      connections: CONNECTIONS,
      roundSeconds: DURATION_MS / 1000,
      pairs: Math.max(3, PAIRS),
      server: database.server,
      bareFastifyRequestsPerSecond: Math.round(median(run.baseline)),
      gatewayGetRequestsPerSecond: Math.round(median(run.subject)),
      bareFastifyP99Ms: Number(median(p99s.baseline).toFixed(2)),
      gatewayGetP99Ms: Number(median(p99s.subject).toFixed(2)),
    };
    for (const [name, value] of Object.entries(figures)) log(`${name}: ${String(value)}`);
    const checks: Check[] = [
      { name: `authenticated gateway GET req/s vs bare Fastify req/s (${CONNECTIONS} connections)`, ratio: median(run.subject) / median(run.baseline), target: RPS_TARGET, kind: 'min' },
      { name: `gateway GET p99 vs ${P99_TARGET_MS} ms (${CONNECTIONS} connections)`, ratio: median(p99s.subject) / P99_TARGET_MS, target: 1, kind: 'max' },
    ];
    const missed = checks.some((check) => (check.kind === 'min' ? check.ratio < check.target : check.ratio > check.target));
    if (flag('explain') || (missed && !flag('no-explain'))) Object.assign(figures, await explain(platform, load));
    await platform.stop();
    platform = undefined;
    process.exitCode = report('gateway', checks, figures) ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await platform?.stop().catch(() => undefined);
    await database.close();
  }
})();
