// The ARI simulator side of bench/call-control.bench.ts, in its own Node process so it neither
// shares call-control's event loop nor counts in its heap. It is the simulator of
// tools/ari-simulator composed as startAriSimulator composes it, plus what the bench measures
// there: every event handed to the app's socket (count, times, the frames themselves for the
// baseline's replay) and when each REST command arrives (event → command latency, on this
// process's clock). A second WebSocket server replays the recorded frames to the baseline.
// Commands arrive over the IPC channel (see call-control-simulator.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { DEFAULT_CREDENTIALS, realTimeScheduler, SIM_CALLEES, type DialplanStep } from '../../tools/ari-simulator/src';
import { ariRequestListener } from '../../tools/ari-simulator/src/http/http-server';
import { SimCore } from '../../tools/ari-simulator/src/sim-core';
import { EventsSocketServer } from '../../tools/ari-simulator/src/ws/events-socket';
import { channelOfRequest, EventCommandLatency } from './call-control-latency';
import { channelOfEvent, END_OF_REPLAY } from './call-control-replay';
import type { SimulatorCommand, SimulatorMessage, PhaseStats } from './call-control-simulator';

const APP = process.env['BENCH_ARI_APP'] ?? 'zvonar';
const TIME_SCALE = Number(process.env['BENCH_TIME_SCALE'] ?? '0.01');
/** Callees by number prefix (JSON: prefix → dialplan steps); other numbers are unknown extensions. */
const CALLEES = JSON.parse(process.env['BENCH_CALLEES'] ?? '{}') as Record<string, DialplanStep[]>;

/** The `sim` callees, and every number starting with one of CALLEES' prefixes gets that prefix's dialplan. */
const calleesByPrefix = (byPrefix: Record<string, DialplanStep[]>): Readonly<Record<string, readonly DialplanStep[]>> =>
  new Proxy(SIM_CALLEES, {
    get: (known, exten) => {
      if (typeof exten !== 'string') return undefined;
      const prefix = Object.keys(byPrefix).find((candidate) => exten.startsWith(candidate));
      return prefix === undefined ? known[exten] : byPrefix[prefix];
    },
  });

class Phase {
  events = 0;
  firstEventAt = 0;
  lastEventAt = 0;
  readonly byType = new Map<string, number>();
  readonly frames: string[] = [];
  constructor(readonly record: boolean) {}
}

async function start(): Promise<void> {
  const scheduler = realTimeScheduler(TIME_SCALE);
  const core = new SimCore(scheduler, calleesByPrefix(CALLEES));
  const latency = new EventCommandLatency();
  let phase = new Phase(false);
  // Subscribed before call-control's socket: this runs just before the frame is sent to it.
  core.hub.subscribe(APP, (event) => {
    const now = performance.now();
    if (phase.events === 0) phase.firstEventAt = Date.now();
    phase.lastEventAt = Date.now();
    phase.events += 1;
    phase.byType.set(event.type, (phase.byType.get(event.type) ?? 0) + 1);
    if (phase.record) phase.frames.push(JSON.stringify(event));
    const channelId = channelOfEvent(event as Parameters<typeof channelOfEvent>[0]);
    if (channelId !== '') latency.eventSent(channelId, event.type, now);
  });
  const events = new EventsSocketServer(core, DEFAULT_CREDENTIALS);
  const ari = ariRequestListener(core, DEFAULT_CREDENTIALS);
  const playbackChannel = (playbackId: string) => core.playbacks.get(playbackId)?.target_uri.replace(/^channel:/, '');
  const server = createServer((req, res) => {
    const channelId = channelOfRequest(req.method ?? 'GET', req.url ?? '/', playbackChannel);
    if (channelId !== undefined) latency.commandArrived(channelId, performance.now());
    ari(req, res);
  });
  server.on('upgrade', (req, socket, head: Buffer) => events.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));

  // The baseline's source: the frames of the last recorded phase, as fast as the socket takes them.
  let replayFrames: readonly string[] = [];
  const replay = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  replay.on('connection', (socket) => {
    for (const frame of replayFrames) socket.send(frame);
    socket.send(END_OF_REPLAY);
  });
  await new Promise<void>((resolve) => replay.once('listening', () => resolve()));

  const stats = (): PhaseStats => {
    const samples = latency.take();
    return { events: phase.events, firstEventAt: phase.firstEventAt, lastEventAt: phase.lastEventAt, byType: Object.fromEntries(phase.byType), latenciesMs: samples, liveCalls: core.calls.size };
  };

  /** Keys pressed round-robin over the calls in progress at `perSecond`, every 10 ms, for `seconds`; resolves with how many. */
  const pressSteadily = (digit: string, perSecond: number, seconds: number): Promise<number> =>
    new Promise((resolve) => {
      const calls = [...core.calls.values()];
      const total = Math.round(perSecond * seconds);
      const begun = performance.now();
      let pressed = 0;
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - begun) / 1000) * perSecond));
        for (; pressed < due; pressed += 1) calls[pressed % calls.length]?.dtmf(digit);
        if (pressed >= total) {
          clearInterval(tick);
          resolve(pressed);
        }
      }, 10);
    });

  const answer = async (command: SimulatorCommand): Promise<unknown> => {
    switch (command.command) {
      case 'phase':
        // The phase that ends hands its frames to the replay, if it recorded them.
        if (phase.record) replayFrames = phase.frames;
        latency.take();
        phase = new Phase(command.record);
        return replayFrames.length;
      case 'stats':
        return stats();
      case 'counts':
        return { events: phase.events, byType: Object.fromEntries(phase.byType), liveCalls: core.calls.size };
      case 'press-all': {
        const calls = [...core.calls.values()];
        for (const call of calls) call.dtmf(command.digit);
        return calls.length;
      }
      case 'press-steady':
        return pressSteadily(command.digit, command.perSecond, command.seconds);
      case 'hangup-all': {
        const calls = [...core.calls.values()];
        for (const call of calls) call.farHangup(16);
        return calls.length;
      }
      case 'cpu-usage':
        return process.cpuUsage();
      case 'stop':
        scheduler.cancelAll();
        events.close();
        replay.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        setImmediate(() => process.exit(0));
        return null;
    }
  };

  process.on('message', (command: SimulatorCommand) => {
    answer(command).then(
      (result) => process.send?.({ kind: 'answer', id: command.id, result } satisfies SimulatorMessage),
      (error: unknown) => process.send?.({ kind: 'answer', id: command.id, error: String(error) } satisfies SimulatorMessage),
    );
  });
  process.send?.({
    kind: 'ready',
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    replayUrl: `ws://127.0.0.1:${(replay.address() as AddressInfo).port}`,
  } satisfies SimulatorMessage);
}

start().catch((error: unknown) => {
  process.send?.({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies SimulatorMessage);
  process.exit(1);
});
