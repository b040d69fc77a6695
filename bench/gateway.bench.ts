// gateway: an authenticated REST GET through the whole edge against a bare Fastify handler, both
// served by one child process and loaded by this one, interleaved. Targets (issue 7, item 5):
// requests/s of `GET /api/v1/projects/{id}` with `Authorization: Bearer <access token>` >= 30% of
// the bare handler's requests/s in the same run, and the GET's p99 <= 20 ms, at 100 connections.
//
// Subject: the real path as the all-in-one process hosts it (identity + projects + gateway, each
// its own Nest app and loopback gRPC server, over one PostgreSQL database): Fastify/Nest routing,
// the per-IP bucket, the credential (identity's Authenticate over gRPC, token check + its session
// query, the first time; then the gateway's principal cache, as in production), the per-account
// bucket and scope, the route's input validation, projects' GetProject over gRPC (its
// membership check and query), the proto -> JSON answer. The rate limits are raised so that the
// buckets are checked but never refuse: one client and one account would otherwise get 429.
// Baseline: a bare Fastify handler in the same child process (same Node, same event loop, same
// request bytes, route with the same path parameter) answering a small JSON.
//
// Load: this process keeps 100 keep-alive connections busy with one request each (closed loop,
// no pipelining) for a fixed time per round (bench/lib/http-load.ts). Every answer must be 2xx or
// the bench fails. Each round also reports the child's CPU per answer (user + system, its idle
// background left out) and the load generator's share of a core: on a busy machine req/s says
// how much CPU the child was given, CPU per answer says what the path costs. Honest caveat: the
// machine has 2 cores, shared by this load generator, the child, PostgreSQL and whatever else
// runs; the figures are of this machine at that moment.
//
// When a target is missed (or with --explain) it says where the time goes before the verdict:
// the GET on one connection (latency, CPU); its pieces measured alone in the child (a raw
// grpc-js round trip, a Nest gRPC round trip, SELECT 1, identity's Authenticate, projects'
// GetProject, and what is left for the gateway itself); gRPC calls and SQL statements per GET
// (traced, background polling apart); a CPU profile of the child under load per request by
// layer, area and function, against the baseline's (profiles kept for Chrome DevTools).
//
// Usage: npm run bench -- gateway [--duration=5] [--pairs=5] [--connections=100] [--quick]
//        [--explain | --no-explain] [--profile-dir=<dir>]
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { summariseCpuProfile, type CpuProfile, type ProfileSummary } from './lib/cpu-profile';
import { openBenchmarkDatabase } from './lib/database';
import type { HopCost } from './lib/gateway-hop-costs';
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
/** The request both servers get. */
type Load = { path: string; headers: Record<string, string> };
/** The subject's request and what it is about. */
type Subject = Load & { token: string; projectId: string };

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
async function prepare(gatewayUrl: string): Promise<{ token: string; projectId: string; path: string }> {
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
  const projectId = String(project.body['projectId']);
  const projectPath = `/api/v1/projects/${projectId}`;
  await call(gatewayUrl, 'GET', projectPath, 200, undefined, token);
  return { token, projectId, path: projectPath };
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
  // Sampled time, not CPU time: on a shared machine it includes moments the child waited for a core.
  log(`${what}: ${requests} requests, child not idle ${summary.busyMs} ms of ${summary.sampledMs} ms sampled = ${us(summary.busyMs)} per request; self time by layer per request:`);
  for (const layer of summary.layers.filter((share) => share.name !== 'idle')) log(`  ${us(layer.ms).padStart(8)}  ${(layer.share * 100).toFixed(1).padStart(5)}%  ${layer.name}`);
  log(`${what}: self time by area per request:`);
  for (const area of summary.areas.filter((share) => share.name !== '(idle)').slice(0, 18)) log(`  ${us(area.ms).padStart(8)}  ${(area.share * 100).toFixed(1).padStart(5)}%  ${area.name}`);
  log(`${what}: hottest functions (self time per request):`);
  for (const fn of summary.functions.filter((share) => share.name !== '(idle)').slice(0, 20)) log(`  ${us(fn.ms).padStart(8)}  ${fn.name}`);
}

/** One loaded round of `origin` under the CPU profiler, summarised per request. */
async function profiledRound(platform: GatewayPlatform, origin: string, load: Load, file: string): Promise<{ summary: ProfileSummary; result: HttpLoadResult }> {
  await platform.startProfile();
  const result = await runHttpLoad({ origin, ...load, connections: CONNECTIONS, durationMs: DURATION_MS });
  await platform.stopProfile(file);
  assertAllSucceeded(`profiled round of ${origin}`, result);
  return { summary: summariseCpuProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile, 40), result };
}

/**
 * The child's CPU while nobody calls it (the projects bus consumer's polling, outbox relays,
 * timers), in µs per second: subtracted from every round's CPU so that a slow round's few
 * answers are not charged with the background work of its whole duration.
 */
async function backgroundCpuPerSecond(platform: GatewayPlatform, ms: number): Promise<number> {
  const before = await platform.cpuMicros();
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ((await platform.cpuMicros()) - before) / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The child's CPU per answer of `result`, its background work over that time left out. */
async function serverCpuPerRequest(platform: GatewayPlatform, before: number, result: HttpLoadResult, background: number): Promise<number> {
  return ((await platform.cpuMicros()) - before - background * result.seconds) / result.completed;
}

/** The GET alone on one connection, untraced: latency and CPU with no queueing anywhere. */
async function oneConnection(platform: GatewayPlatform, load: Load, ms: number, background: number) {
  const before = await platform.cpuUsage();
  const result = await runHttpLoad({ origin: platform.gatewayUrl, ...load, connections: 1, durationMs: ms });
  const after = await platform.cpuUsage();
  assertAllSucceeded('one-connection run', result);
  const cpuUs = (after.user + after.system - before.user - before.system - background * result.seconds) / result.completed;
  // The kernel's share is the price of the sockets: HTTP, gRPC over loopback, PostgreSQL.
  const systemShare = (after.system - before.system) / (after.user + after.system - before.user - before.system);
  const meanMs = (result.seconds * 1000) / result.completed;
  log(`one connection: ${result.completed} requests, mean ${meanMs.toFixed(3)} ms per GET, server CPU ${Math.round(cpuUs)} µs per GET (${Math.round(systemShare * 100)}% of it in the kernel)`);
  return { meanMs, cpuUs };
}

/** Each hop of the GET alone, and what is left for the gateway itself. */
type TracedCalls = { grpcCallsPerRequest: number; sqlStatementsPerRequest: number; authenticatesPerRequest: number };

async function pieces(platform: GatewayPlatform, subject: Subject, ms: number, background: number, getCpuUs: number, traced: TracedCalls) {
  const measured = await platform.measureHopCosts({ accessToken: subject.token, projectId: subject.projectId, backgroundCpuUsPerSecond: background, durationMs: ms });
  const [rawHop, grpcHop, sqlTrip, authenticate, getProject] = measured as [HopCost, HopCost, HopCost, HopCost, HopCost];
  log('the pieces alone, one call at a time (mean latency, server CPU per call):');
  for (const piece of measured) log(`  ${piece.meanMs.toFixed(3).padStart(8)} ms  ${String(Math.round(piece.cpuUsPerCall)).padStart(6)} µs  ${piece.name}`);
  // A difference of noisy figures: read it as an order of magnitude.
  // The principal cache answers most GETs without Authenticate: only the traced share of it counts.
  const edgeCpuUs = getCpuUs - traced.authenticatesPerRequest * authenticate.cpuUsPerCall - getProject.cpuUsPerCall;
  log(`  => the gateway's own share of the GET (GET - ${traced.authenticatesPerRequest.toFixed(2)} x Authenticate - GetProject): ${Math.round(edgeCpuUs)} µs CPU`);
  const { grpcCallsPerRequest: hops, sqlStatementsPerRequest: statements } = traced;
  log(
    `  => ${hops} gRPC hop(s) per GET at the bare hop's price: ${Math.round(hops * grpcHop.cpuUsPerCall)} µs, of which Nest/rxjs/proto-loader over raw grpc-js: ${Math.round(hops * (grpcHop.cpuUsPerCall - rawHop.cpuUsPerCall))} µs; ${statements} SQL round trip(s) at SELECT 1's price: ${Math.round(statements * sqlTrip.cpuUsPerCall)} µs (PostgreSQL's own CPU not included)`,
  );
  return {
    gatewayEdgeCpuUsPerRequest: Math.round(edgeCpuUs),
    authenticateCpuUsPerCall: Math.round(authenticate.cpuUsPerCall),
    getProjectCpuUsPerCall: Math.round(getProject.cpuUsPerCall),
    rawGrpcJsHopCpuUsPerCall: Math.round(rawHop.cpuUsPerCall),
    bareGrpcHopCpuUsPerCall: Math.round(grpcHop.cpuUsPerCall),
    bareSqlRoundTripCpuUsPerCall: Math.round(sqlTrip.cpuUsPerCall),
  };
}

const AUTHENTICATE = '/zvonar.identity.v1.IdentityService/Authenticate';

/** gRPC calls and SQL statements per GET (one connection, traced), background calls apart. */
async function tracedCalls(platform: GatewayPlatform, load: Load, ms: number) {
  await platform.startTracing();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const idle = await platform.stopTracing();
  await platform.startTracing();
  const traced = await runHttpLoad({ origin: platform.gatewayUrl, ...load, connections: 1, durationMs: ms });
  const trace = await platform.stopTracing();
  assertAllSucceeded('traced run', traced);
  log(`one connection, traced: ${traced.completed} requests, mean ${((traced.seconds * 1000) / traced.completed).toFixed(3)} ms per GET`);
  const grpc = perRequest(trace.grpc, idle.grpc, traced.completed, traced.seconds);
  const sql = perRequest(trace.sql, idle.sql, traced.completed, traced.seconds);
  log('gRPC calls per request (count x mean ms in the serving handler, method):');
  for (const line of grpc.lines) log(line);
  log('SQL statements per request (count x mean ms from query to result, statement):');
  for (const line of sql.lines) log(line);
  const authenticates = (trace.grpc[AUTHENTICATE]?.calls ?? 0) - (idle.grpc[AUTHENTICATE]?.calls ?? 0);
  return { grpcCallsPerRequest: grpc.calls, sqlStatementsPerRequest: sql.calls, authenticatesPerRequest: Math.max(0, authenticates) / traced.completed };
}

/** Where the subject's time goes, printed before the verdict; the figures join the JSON line. */
async function explain(platform: GatewayPlatform, subject: Subject, background: number): Promise<Record<string, unknown>> {
  const load: Load = { path: subject.path, headers: subject.headers };
  log('--- where the time goes ---');
  const ms = Math.min(DURATION_MS, 3000);
  const alone = await oneConnection(platform, load, ms, background);
  const traced = await tracedCalls(platform, load, ms);
  const hops = await pieces(platform, subject, ms, background, alone.cpuUs, traced);
  const calls = { ...traced, authenticatesPerRequest: Number(traced.authenticatesPerRequest.toFixed(3)) };
  const profileDir = argument('profile-dir') ?? mkdtempSync(path.join(tmpdir(), 'zvonar-bench-gateway-'));
  const profiled = await profiledRound(platform, platform.gatewayUrl, load, path.join(profileDir, 'gateway-get.cpuprofile'));
  const baseline = await profiledRound(platform, platform.baselineUrl, load, path.join(profileDir, 'bare-fastify.cpuprofile'));
  printProfile('subject under load (profiled)', profiled.summary, profiled.result.completed);
  printProfile('baseline under load (profiled)', baseline.summary, baseline.result.completed);
  log(`CPU profiles (open in Chrome DevTools): ${profileDir}`);
  return { oneConnectionMeanMs: Number(alone.meanMs.toFixed(2)), oneConnectionServerCpuUsPerRequest: Math.round(alone.cpuUs), ...hops, ...calls };
}

void (async () => {
  const database = await openBenchmarkDatabase('gateway');
  let platform: GatewayPlatform | undefined;
  try {
    platform = await startGatewayPlatform(database.url);
    const { token, projectId, path: projectPath } = await prepare(platform.gatewayUrl);
    const load: Load = { path: projectPath, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } };
    const background = await backgroundCpuPerSecond(platform, 3000);
    log(`server background CPU with no requests: ${Math.round(background / 1000)} ms per second (left out of the per-request CPU figures)`);
    const p99s = { baseline: [] as number[], subject: [] as number[] };
    const serverCpuUs = { baseline: [] as number[], subject: [] as number[] };
    const generatorCpuShares = { baseline: [] as number[], subject: [] as number[] };
    const round = (origin: string, side: 'baseline' | 'subject') => async (index: number) => {
      const cpuBefore = await platform!.cpuMicros();
      const result = await runHttpLoad({ origin, ...load, connections: CONNECTIONS, durationMs: DURATION_MS });
      const cpuPerRequest = await serverCpuPerRequest(platform!, cpuBefore, result, background);
      assertAllSucceeded(`${side} round ${index}`, result);
      const rps = result.completed / result.seconds;
      const p99 = percentile(result.latenciesMs, 99);
      const generatorShare = result.generatorCpuSeconds / result.seconds;
      if (index >= 0) {
        p99s[side].push(p99);
        serverCpuUs[side].push(cpuPerRequest);
        generatorCpuShares[side].push(generatorShare);
      }
      log(
        `${side} round ${index}: ${Math.round(rps)} req/s, p50 ${percentile(result.latenciesMs, 50).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, ` +
          `server CPU ${Math.round(cpuPerRequest)} µs/request, load generator ${Math.round(generatorShare * 100)}% of a core`,
      );
      return rps;
    };
    const run = await interleave(PAIRS, round(platform.baselineUrl, 'baseline'), round(platform.gatewayUrl, 'subject'));

    const figures: Record<string, unknown> = {
      connections: CONNECTIONS,
      roundSeconds: DURATION_MS / 1000,
      serverBackgroundCpuMsPerSecond: Math.round(background / 1000),
      pairs: Math.max(3, PAIRS),
      server: database.server,
      bareFastifyRequestsPerSecond: Math.round(median(run.baseline)),
      gatewayGetRequestsPerSecond: Math.round(median(run.subject)),
      bareFastifyP99Ms: Number(median(p99s.baseline).toFixed(2)),
      gatewayGetP99Ms: Number(median(p99s.subject).toFixed(2)),
      // CPU time of the child (user + system) per answer: unlike req/s it does not depend on how
      // much of the machine the child got, so it says what the path costs even on a busy machine.
      bareFastifyServerCpuUsPerRequest: Math.round(median(serverCpuUs.baseline)),
      gatewayGetServerCpuUsPerRequest: Math.round(median(serverCpuUs.subject)),
      // If the child's CPU were the only limit, req/s would stand in this ratio.
      serverCpuBoundRatio: Number((median(serverCpuUs.baseline) / median(serverCpuUs.subject)).toFixed(3)),
      loadGeneratorCoreShareBaseline: Number(median(generatorCpuShares.baseline).toFixed(2)),
      loadGeneratorCoreShareSubject: Number(median(generatorCpuShares.subject).toFixed(2)),
    };
    for (const [name, value] of Object.entries(figures)) log(`${name}: ${String(value)}`);
    const checks: Check[] = [
      { name: `authenticated gateway GET req/s vs bare Fastify req/s (${CONNECTIONS} connections)`, ratio: median(run.subject) / median(run.baseline), target: RPS_TARGET, kind: 'min' },
      { name: `gateway GET p99 vs ${P99_TARGET_MS} ms (${CONNECTIONS} connections)`, ratio: median(p99s.subject) / P99_TARGET_MS, target: 1, kind: 'max' },
    ];
    const missed = checks.some((check) => (check.kind === 'min' ? check.ratio < check.target : check.ratio > check.target));
    if (flag('explain') || (missed && !flag('no-explain'))) Object.assign(figures, await explain(platform, { token, projectId, ...load }, background));
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
