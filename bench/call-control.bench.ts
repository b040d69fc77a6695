// call-control (issue 4): one call-control process, wired as it runs in production (the real
// service in this process: PlaceCall from the embedded bus, every call's stream in PostgreSQL,
// TELEPHONY=ari), against the ARI simulator in its own process (lib/call-control-simulator.child.ts)
// on a clock 100 times faster than the wall. The callees answer and listen; the simulator presses
// their keys when the bench says so. The scenario is a menu: each 1 is a goal and the question
// again (DTMF in, one prompt out: ChannelDtmfReceived, PlaybackStarted, PlaybackFinished).
//
// 1. 1,000 calls placed through the bus, answered, prompt played, each waiting for a key on a
//    live timer: heap growth per call after GC (target <= 50 KB), after a warm-up of 100 calls.
// 2. Events per second call-control digests: all 1,000 callers press 1 at once; the figure is the
//    events the simulator sent to the app from the first until every caller heard the question
//    again and call-control is idle. Baseline, interleaved, 3 pairs after a warm-up round: the
//    very frames of the round just run, replayed by the simulator's process to a raw `ws` client
//    that JSON.parses each and dispatches it through a Map to its channel's handler
//    (lib/call-control-replay.ts). Targets: >= 0.25 of the baseline and >= 10,000 events/s. The
//    CPU time per event of both is printed too: it holds when the shared machine is busy.
// 3. Event → command latency: keys pressed round-robin at a steady rate worth 3,000 events/s for
//    3 s; the simulator times each triggering event (the answer, a key, a prompt's end) to the
//    first REST command on its channel after it (lib/call-control-latency.ts). p99 <= 5 ms. The
//    same at half the rate measured in 2, for reference (what an unsaturated process adds).
// 4. The far end hangs all up: no call, channel listener or live channel may be left, nor pending
//    timers (unref'd ones too, found with v8.queryObjects) or AbortSignals (fetch hangs a listener
//    on each) above what there was before step 1 (after the warm-up: pools keep idle timers of their
//    own), after GCs that let finalizers run; the heap left above step 1's start is printed.
//
// `--heap-snapshots` writes one before the 1,000 calls and one after their hang-up (OS temp folder).
// `--profile` samples call-control's process during the first measured round of 2 and prints where
// the time went (lib/cpu-profile.ts); the profile is kept in the OS temp folder.
import type { ScenarioVersion } from '@zvonar/scenario-runtime';
import { aDtmfRecognition, aGoal, aNode, aPlay, aScenario, text } from '@zvonar/scenario-runtime/src/testing/scenario.mother';
import { eventually } from '@zvonar/testing';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { queryObjects, writeHeapSnapshot } from 'node:v8';
import { Client, Pool } from 'pg';
import { CallRuntime } from '../services/call-control/src/runtime/call-runtime';
import { embeddedBuses, placeCallPublisher, startCallControl } from '../services/call-control/test/service/call-control.harness';
import { startScenariosDouble } from '../services/call-control/test/service/scenarios-grpc.double';
import type { DialplanStep } from '../tools/ari-simulator/src';
import { digestReplay } from './lib/call-control-replay';
import { startBenchSimulator, type BenchSimulator } from './lib/call-control-simulator';
import { summariseCpuProfile, type CpuProfile } from './lib/cpu-profile';
import { openBenchmarkDatabase } from './lib/database';
import { log, median, percentile, report } from './lib/harness';

const profiling = process.argv.includes('--profile');
const snapshots = process.argv.includes('--heap-snapshots');
const APP = 'zvonar';
/** Simulated seconds run 100 times faster than the wall: rings and prompts take milliseconds. */
const TIME_SCALE = 0.01;
const LIVE_CALLS = 1_000;
const WARM_UP_CALLS = 100;
const PAIRS = 3;
const LATENCY_EVENTS_PER_SECOND = 3_000;
const LATENCY_SECONDS = 3;
const TARGET_RATIO = 0.25;
const FLOOR_EVENTS_PER_SECOND = 10_000;
const TARGET_P99_MS = 5;
const TARGET_BYTES_PER_CALL = 50 * 1024;
/** Fewer than one timer or signal per 100 ended calls: nothing a call keeps (see the last check). */
const MAX_LEFT_PER_CALL = 0.01;

/** The callee of every number: answers, then listens (1,000 s on this clock) until the bench presses keys or hangs up for it. */
const PREFIX = '+7900';
const callees: Record<string, DialplanStep[]> = {
  [PREFIX]: [{ app: 'Ringing' }, { app: 'Wait', seconds: 0.1 }, { app: 'Answer' }, { app: 'Wait', seconds: 100_000 }, { app: 'Hangup' }],
};

/** A menu the caller goes round: each 1 is a goal and the question again, so a key costs a prompt and the call stays up. */
const menu: ScenarioVersion = {
  ...aScenario([
    aNode('menu', [aPlay(text('Здравствуйте, {{name}}! Нажмите 1, чтобы услышать это ещё раз.')), aDtmfRecognition({ '1': 'again' }, { retries: 0, timeoutMs: 600_000 })]),
    aNode('again', [aGoal('pressed')], 'menu'),
  ]),
  scenarioId: 'bench-menu',
};

const gc = (globalThis as { gc?: () => void }).gc;
/**
 * Full GCs with turns of the event loop between them: FinalizationRegistry callbacks run only
 * then, and they come in a chain here (undici's fetch lets go of a request's AbortSignal in one;
 * Node clears an AbortSignal.timeout's timer in another once the signal is collected), each
 * releasing what the next GC takes.
 */
const collect = async (): Promise<void> => {
  if (!gc) throw new Error('run through `npm run bench` (node --expose-gc)');
  for (let pass = 0; pass < 6; pass += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  gc();
};
/** Timers that keep the process alive (what process.getActiveResourcesInfo lists). */
const refTimers = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
const probe = setTimeout(() => undefined, 0);
clearTimeout(probe);
/**
 * Pending timers, unref'd ones included (an AbortSignal.timeout's is one; getActiveResourcesInfo
 * does not list them): live Timeout objects not yet fired or cleared. A fired or cleared Timeout
 * that something still references is no timer, hence the `_destroyed` flag of V8's preview.
 */
const timers = (): number => queryObjects(probe.constructor, { format: 'summary' }).filter((preview) => /_destroyed: false/.test(preview)).length;
/** Live AbortSignals: fetch hangs an abort listener on each. */
const abortSignals = (): number => queryObjects(AbortSignal, { format: 'count' });
const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** What the bench reads of call-control's telephony (private to the adapter: no production code exposes it). */
type AriInternals = { liveChannels: number; listeners: { channelCount: number } };
const telephonyOf = (runtime: CallRuntime): AriInternals => (runtime as unknown as { deps: { telephony: { telephony: AriInternals } } }).deps.telephony.telephony;

/** Milliseconds of `count` single-row INSERTs, each its own transaction, one after the other. */
async function commitLatencies(pool: Pool, count: number): Promise<number[]> {
  await pool.query('CREATE TABLE IF NOT EXISTS public.bench_commits (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');
  const latencies: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const begun = performance.now();
    await pool.query('INSERT INTO public.bench_commits (payload) VALUES ($1)', [{ type: 'DtmfReceived', digit: '1' }]);
    latencies.push(performance.now() - begun);
  }
  return latencies;
}

async function createSchemas(databaseUrl: string): Promise<void> {
  // The service's migrations and its embedded buses create these under different locks; made first, they cannot collide.
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const schema of ['call_control', 'campaigns']) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}

void (async () => {
  const database = await openBenchmarkDatabase('call_control');
  await createSchemas(database.url);
  const sim: BenchSimulator = await startBenchSimulator({ app: APP, timeScale: TIME_SCALE, callees });
  const scenarios = await startScenariosDouble([menu]);
  const running = await startCallControl({
    DATABASE_URL: database.url,
    SCENARIOS_GRPC_URL: scenarios.url,
    BUS: 'embedded',
    TELEPHONY: 'ari',
    ARI_URL: sim.url,
    ARI_USERNAME: 'asterisk',
    ARI_PASSWORD: 'asterisk',
    ARI_APPLICATION: APP,
    ARI_DIAL_TEMPLATE: 'PJSIP/{number}@loop',
    CHANNELS_PER_TRUNK: String(2 * LIVE_CALLS),
    LOG_LEVEL: 'error',
  });
  const runtime = running.service.app.get(CallRuntime);
  const telephony = telephonyOf(runtime);
  const pool = new Pool({ connectionString: database.url, max: 4 });
  const publisher = placeCallPublisher((await embeddedBuses(pool)).campaigns);
  await eventually(async () => (await fetch(`${running.service.httpUrl}/readyz`)).status === 200, { timeoutMs: 30_000, intervalMs: 50, what: 'call-control ready' });

  let serials = 0;
  /** PlaceCalls as the dialer sends them, 50 in flight; keyed by 16 campaigns, so spread over the bus's partitions. */
  const placeCalls = async (count: number): Promise<void> => {
    const base = serials;
    serials += count;
    for (let first = 0; first < count; first += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - first) }, (_, offset) => base + first + offset).map((serial) =>
          publisher.send({
            attemptId: `bench:${serial}`,
            projectId: 'bench-project',
            campaignId: `bench-campaign-${serial % 16}`,
            contactId: `contact-${serial}`,
            phone: `${PREFIX}${String(serial).padStart(7, '0')}`,
            scenarioId: menu.scenarioId,
            scenarioVersion: menu.version,
            variables: { name: 'Анна' },
            answerWaitSeconds: 30,
            actionWaitSeconds: 600,
          }),
        ),
      );
    }
  };
  const count = async (type: string): Promise<number> => (await sim.counts()).byType[type] ?? 0;
  /** `calls` new calls up, each having heard the question and waiting for a key. */
  const callsUp = async (calls: number): Promise<void> => {
    await sim.phase(false);
    await placeCalls(calls);
    await eventually(async () => runtime.activeCalls === calls && (await count('PlaybackFinished')) >= calls, { timeoutMs: 150_000, intervalMs: 20, what: `${calls} calls waiting for a key` });
    await runtime.whenIdle();
  };
  /** The far end hangs every call up; done once call-control has ended them all. */
  const hangUpAll = async (calls: number): Promise<void> => {
    await sim.phase(false);
    await sim.hangUpAll();
    await eventually(async () => runtime.activeCalls === 0 && (await count('ChannelDestroyed')) >= calls, { timeoutMs: 120_000, intervalMs: 20, what: 'every call ended' });
    await runtime.whenIdle();
  };
  /** call-control idle and the simulator silent for 100 ms: whatever was asked of them is done. */
  const settled = async (what: string): Promise<void> => {
    let last = -1;
    await eventually(
      async () => {
        await runtime.whenIdle();
        const { events } = await sim.counts();
        const quiet = events === last;
        last = events;
        return quiet;
      },
      { timeoutMs: 180_000, intervalMs: 100, what },
    );
  };

  let profile: Session | undefined;
  const startProfile = async (): Promise<void> => {
    profile = new Session();
    profile.connect();
    await profile.post('Profiler.enable');
    await profile.post('Profiler.start');
  };
  const stopProfile = async (): Promise<void> => {
    if (!profile) return;
    const { profile: taken } = await profile.post('Profiler.stop');
    profile.disconnect();
    profile = undefined;
    const file = path.join(tmpdir(), `call-control-bench-${process.pid}.cpuprofile`);
    await writeFile(file, JSON.stringify(taken));
    const summary = summariseCpuProfile(taken as CpuProfile, 20);
    log(`profile of one round (${file}): ${summary.busyMs} ms busy of ${summary.sampledMs} ms sampled`);
    for (const area of summary.areas) log(`  area ${(area.share * 100).toFixed(1)}% ${area.name}`);
    for (const fn of summary.functions) log(`  fn   ${(fn.share * 100).toFixed(1)}% ${fn.name}`);
  };

  /** Every caller presses 1 at once; done when each has heard the question again and call-control is idle. */
  const subjectRound = async (round: number): Promise<{ perSecond: number; events: number; cpuPerEvent: number }> => {
    await sim.phase(true);
    if (profiling && round === 0) await startProfile();
    const cpuBefore = cpuMicros();
    await sim.pressAll('1');
    await eventually(async () => (await count('PlaybackFinished')) >= LIVE_CALLS, { timeoutMs: 120_000, intervalMs: 5, what: 'every caller heard the question again' });
    await runtime.whenIdle();
    const endedAt = Date.now();
    const cpu = cpuMicros() - cpuBefore;
    if (round === 0) await stopProfile();
    const stats = await sim.stats();
    await sim.phase(false);
    return { perSecond: stats.events / ((endedAt - stats.firstEventAt) / 1000), events: stats.events, cpuPerEvent: cpu / stats.events };
  };

  try {
    // A few calls first, so what happens once per process (code compiled, connection pools grown,
    // with their idle timers) does not count per call.
    await callsUp(WARM_UP_CALLS);
    await hangUpAll(WARM_UP_CALLS);
    // 1,000 calls up, each waiting for a key on a live timer: the heap they take.
    await collect();
    const heapBefore = process.memoryUsage().heapUsed;
    const timersBefore = timers();
    const signalsBefore = abortSignals();
    if (snapshots) log(`heap snapshot before the calls: ${writeHeapSnapshot(path.join(tmpdir(), `call-control-bench-${process.pid}-before.heapsnapshot`))}`);
    const placingBegun = Date.now();
    await callsUp(LIVE_CALLS);
    const placingSeconds = (Date.now() - placingBegun) / 1000;
    await collect();
    const bytesPerCall = (process.memoryUsage().heapUsed - heapBefore) / LIVE_CALLS;
    const timersLive = timers();
    log(`${LIVE_CALLS} calls placed, answered and waiting for a key in ${placingSeconds.toFixed(1)} s (${Math.round(LIVE_CALLS / placingSeconds)} calls/s): ${Math.round(bytesPerCall).toLocaleString('en')} bytes of heap each; timers ${timersBefore} before them → ${timersLive}`);

    // Throughput, interleaved with the baseline replaying the round just run.
    const warm = await subjectRound(-1);
    const eventsPerPress = warm.events / LIVE_CALLS;
    const subject: number[] = [];
    const baseline: number[] = [];
    const cpuPerEvent: number[] = [];
    const baselineCpuPerEvent: number[] = [];
    for (let round = 0; round < PAIRS; round += 1) {
      const measured = await subjectRound(round);
      subject.push(measured.perSecond);
      cpuPerEvent.push(measured.cpuPerEvent);
      const replayed = await digestReplay(sim.replayUrl);
      baseline.push(replayed.perSecond);
      baselineCpuPerEvent.push(replayed.cpuMicrosPerEvent);
    }
    const eventsPerSecond = median(subject);
    const rawPerSecond = median(baseline);
    log(`call-control: ${Math.round(eventsPerSecond).toLocaleString('en')} ARI events/s digested (${LIVE_CALLS} callers press 1 at once, ${eventsPerPress.toFixed(1)} events a press; median of ${subject.length}: ${subject.map(Math.round).join(', ')}; ${median(cpuPerEvent).toFixed(0)} µs CPU of this process per event)`);
    log(`raw ws + JSON.parse + Map dispatch of the same frames: ${Math.round(rawPerSecond).toLocaleString('en')} events/s (${baseline.map(Math.round).join(', ')}; ${median(baselineCpuPerEvent).toFixed(1)} µs CPU per event)`);
    // CPU time per event holds when the shared machine is busy (wall rates fall with the load): the same ratio by CPU.
    const cpuRatio = median(baselineCpuPerEvent) / median(cpuPerEvent);
    log(`by CPU time per event, call-control does ${cpuRatio.toFixed(3)} of the raw loop's work rate`);

    // Event → command latency with keys pressed at a steady rate worth ~3,000 events/s, and (for
    // reference) at half the rate call-control digested above: what an unsaturated process adds.
    const steadyLatency = async (eventsPerSecond: number) => {
      await sim.phase(false);
      const presses = await sim.pressSteadily('1', eventsPerSecond / eventsPerPress, LATENCY_SECONDS);
      await settled('the steady presses answered');
      const stats = await sim.stats();
      const figures = {
        wallSeconds: (stats.lastEventAt - stats.firstEventAt) / 1000,
        p50: percentile(stats.latenciesMs, 50),
        p99: percentile(stats.latenciesMs, 99),
        max: Math.max(...stats.latenciesMs),
        commands: stats.latenciesMs.length,
      };
      log(
        `event → command with keys worth ${Math.round(eventsPerSecond).toLocaleString('en')} events/s for ${LATENCY_SECONDS} s (${presses} presses, ${stats.events} events answered in ${figures.wallSeconds.toFixed(1)} s): ` +
          `p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms, max ${figures.max.toFixed(2)} ms over ${figures.commands} commands`,
      );
      return figures;
    };
    const unsaturated = await steadyLatency(eventsPerSecond / 2);
    // call-control records each fact before it acts on it: one commit is in every event → command.
    const commits = await commitLatencies(pool, 200);
    log(`one single-row INSERT committed on its own in the same database, 200 in a row: p50 ${percentile(commits, 50).toFixed(2)} ms, p99 ${percentile(commits, 99).toFixed(2)} ms`);
    const atTarget = await steadyLatency(LATENCY_EVENTS_PER_SECOND);
    const { p50, p99 } = atTarget;

    // The far end hangs every call up: nothing of them may stay behind.
    await hangUpAll(LIVE_CALLS);
    await collect();
    const heapAfter = process.memoryUsage().heapUsed;
    if (snapshots) log(`heap snapshot after hang-up: ${writeHeapSnapshot(path.join(tmpdir(), `call-control-bench-${process.pid}-after.heapsnapshot`))}`);
    const leftovers = {
      calls: runtime.activeCalls,
      channelListeners: telephony.listeners.channelCount,
      liveChannels: telephony.liveChannels,
      timers: Math.max(0, timers() - timersBefore),
      abortSignals: Math.max(0, abortSignals() - signalsBefore),
    };
    const callStateLeft = leftovers.calls + leftovers.channelListeners + leftovers.liveChannels;
    const retainedPerCall = (heapAfter - heapBefore) / LIVE_CALLS;
    log(`after hang-up: ${JSON.stringify(leftovers)} left; timers ${timers()} (before the 1,000 calls ${timersBefore}; ${refTimers()} of them keep the process alive); heap ${Math.round((heapAfter - heapBefore) / 1024)} KB above before the calls (${Math.round(retainedPerCall)} bytes a call)`);

    await running.stop();
    await publisher.close();
    await pool.end();
    await scenarios.stop();
    await sim.stop();
    await database.close();
    report(
      'call-control',
      [
        { name: 'events/s vs raw ws + JSON.parse + Map dispatch of the same stream', ratio: eventsPerSecond / rawPerSecond, target: TARGET_RATIO, kind: 'min' },
        { name: 'events/s vs the 10,000/s floor', ratio: eventsPerSecond / FLOOR_EVENTS_PER_SECOND, target: 1, kind: 'min' },
        { name: `event → command p99 at ~${LATENCY_EVENTS_PER_SECOND} events/s vs 5 ms`, ratio: p99 / TARGET_P99_MS, target: 1, kind: 'max' },
        { name: 'heap per live call vs 50 KB', ratio: bytesPerCall / TARGET_BYTES_PER_CALL, target: 1, kind: 'max' },
        { name: 'calls, channel listeners and live channels left after hang-up', ratio: callStateLeft, target: 0, kind: 'max' },
        // Per ended call: a call's own timer or signal left behind shows as ~1 per call; a pool that
        // grew under load keeps a few idle timers of its own (process-wide, not the calls').
        { name: 'timers and abort signals left after hang-up, per ended call', ratio: (leftovers.timers + leftovers.abortSignals) / LIVE_CALLS, target: MAX_LEFT_PER_CALL, kind: 'max' },
      ],
      {
        eventsPerSecond: Math.round(eventsPerSecond),
        rawEventsPerSecond: Math.round(rawPerSecond),
        meets10kPerSecond: eventsPerSecond >= FLOOR_EVENTS_PER_SECOND,
        eventsPerPress: Math.round(eventsPerPress * 10) / 10,
        cpuMicrosPerEvent: Math.round(median(cpuPerEvent)),
        cpuRatio: Math.round(cpuRatio * 1000) / 1000,
        baselineCpuMicrosPerEvent: Math.round(median(baselineCpuPerEvent) * 10) / 10,
        latencyP50Ms: Math.round(p50 * 100) / 100,
        latencyP99Ms: Math.round(p99 * 100) / 100,
        latencyCommands: atTarget.commands,
        latencyWallSeconds: Math.round(atTarget.wallSeconds * 10) / 10,
        unsaturatedEventsPerSecond: Math.round(eventsPerSecond / 2),
        unsaturatedP50Ms: Math.round(unsaturated.p50 * 100) / 100,
        unsaturatedP99Ms: Math.round(unsaturated.p99 * 100) / 100,
        commitP50Ms: Math.round(percentile(commits, 50) * 100) / 100,
        commitP99Ms: Math.round(percentile(commits, 99) * 100) / 100,
        liveCalls: LIVE_CALLS,
        placedCallsPerSecond: Math.round(LIVE_CALLS / placingSeconds),
        bytesPerLiveCall: Math.round(bytesPerCall),
        bytesRetainedPerEndedCall: Math.round(retainedPerCall),
        leftAfterHangUp: leftovers,
      },
    );
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await sim.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(1);
  }
  process.exit(0);
})();
