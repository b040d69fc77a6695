import { eventually } from '@zvonar/testing';
import { AriCommands, AriEventStream, AriHttp, AriUnavailableError, type AriConfig, type AriConnectionState, type AriEvent, type AriResync } from '../src/ari';
import { startSimulatorProcess, type SimulatorProcess } from './ari-simulator.process';
import { startBlackholeProxy } from './response-blackhole.proxy';

const APP = 'zvonar';
const config = (baseUrl: string, requestTimeoutMs?: number): AriConfig => ({
  baseUrl,
  username: 'asterisk',
  password: 'asterisk',
  app: APP,
  ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
});

describe('ARI client against the ARI simulator', () => {
  let sim: SimulatorProcess;
  let stream: AriEventStream | undefined;

  beforeAll(async () => {
    // The operator callee (Answer; Echo) stays up until hung up, so time scale does not matter.
    sim = await startSimulatorProcess(0.1);
  }, 30_000);

  afterEach(async () => {
    await stream?.stop();
    stream = undefined;
  });

  afterAll(async () => {
    await sim.stop();
  });

  function connect(resyncs: AriResync[], events: AriEvent[], onResync?: (resync: AriResync) => Promise<void>) {
    const commands = new AriCommands(new AriHttp(config(sim.baseUrl)), APP);
    const states: Array<{ state: AriConnectionState; at: number }> = [];
    stream = new AriEventStream({
      config: config(sim.baseUrl),
      commands,
      channelIdPrefix: 'zv-',
      backoff: { initialMs: 50, maxMs: 1000, factor: 2 },
      onEvent: (event) => events.push(event),
      onResync: async (resync) => {
        resyncs.push(resync);
        await onResync?.(resync);
      },
    });
    stream.state$.subscribe((state) => states.push({ state, at: performance.now() }));
    stream.start();
    return { commands, states };
  }

  const stasisStarted = (events: AriEvent[], id: string): boolean => events.some((e) => e.type === 'StasisStart' && e.channel.id === id);
  const destroyed = (events: AriEvent[], id: string): boolean => events.some((e) => e.type === 'ChannelDestroyed' && e.channel.id === id);

  test('a WebSocket dropped mid-call reconnects within 5 s; the resync hook sees our live channels and the orphan is hung up', async () => {
    const resyncs: AriResync[] = [];
    const events: AriEvent[] = [];
    // After the drop, this process "remembers" only zv-keep: the other live channel is an orphan.
    const { commands, states } = connect(resyncs, events, async (resync) => {
      if (!resync.reconnected) return;
      for (const channel of resync.ours) if (channel.id !== 'zv-keep') await commands.hangup(channel.id, { reason: 'normal' });
    });
    await eventually(() => stream?.state === 'connected', { what: 'first connection' });
    expect(resyncs).toEqual([{ ours: [], foreign: [], reconnected: false }]);

    for (const id of ['zv-keep', 'zv-orphan']) {
      expect(await commands.originate({ endpoint: 'Local/operator@sim', channelId: id, appArgs: ['call'] })).toMatchObject({ kind: 'originated' });
    }
    await eventually(() => stasisStarted(events, 'zv-keep') && stasisStarted(events, 'zv-orphan'), { what: 'both calls up' });

    const dropped = performance.now();
    expect(await sim.dropEventSockets()).toBe(1);
    await eventually(() => states.some((s) => s.at >= dropped && s.state === 'reconnecting'), { what: 'reconnecting state' });
    const back = await eventually(() => states.find((s) => s.at >= dropped && s.state === 'connected'), { timeoutMs: 5000, what: 'reconnected' });
    expect(back.at - dropped).toBeLessThan(5000);

    const resync = resyncs.at(-1);
    expect(resync?.reconnected).toBe(true);
    expect(resync?.ours.map((c) => c.id).sort()).toEqual(['zv-keep', 'zv-orphan']);
    // The Local ;2 halves run the callee's dialplan: they exist but are not ours.
    expect(resync?.foreign.map((c) => c.id).sort()).toEqual(['zv-keep;2', 'zv-orphan;2']);

    // Events flow on the new socket: the orphan's hang-up, then our own hang-up of the adopted call.
    await eventually(() => destroyed(events, 'zv-orphan'), { what: 'orphan destroyed' });
    expect((await commands.listChannels()).map((c) => c.id).sort()).toEqual(['zv-keep', 'zv-keep;2']);
    await commands.hangup('zv-keep');
    await eventually(() => destroyed(events, 'zv-keep'), { what: 'adopted call ended' });
    expect(await commands.listChannels()).toEqual([]);
  }, 30_000);

  test('an originate whose answer was lost, retried with the same channel id, rings once (409 → already-originated)', async () => {
    const events: AriEvent[] = [];
    connect([], events);
    await eventually(() => stream?.state === 'connected', { what: 'connected' });
    const proxy = await startBlackholeProxy(Number(new URL(sim.baseUrl).port), 1);
    try {
      const viaProxy = new AriCommands(new AriHttp(config(proxy.baseUrl, 300)), APP);
      const request = { endpoint: 'Local/operator@sim', channelId: 'zv-attempt-42', appArgs: ['retry'] };
      await expect(viaProxy.originate(request)).rejects.toBeInstanceOf(AriUnavailableError);
      expect(proxy.swallowed()).toBe(1);
      expect(await viaProxy.originate(request)).toEqual({ kind: 'already-originated', channelId: 'zv-attempt-42' });
      await eventually(() => stasisStarted(events, 'zv-attempt-42'), { what: 'call up' });

      const rings = events.filter((e) => e.type === 'Dial' && e.peer.id === 'zv-attempt-42' && e.dialstatus === '');
      expect(rings).toHaveLength(1);
      expect((await viaProxy.listChannels()).filter((c) => c.id === 'zv-attempt-42')).toHaveLength(1);
      await viaProxy.hangup('zv-attempt-42');
      await eventually(() => destroyed(events, 'zv-attempt-42'), { what: 'hung up' });
      expect(events.filter((e) => e.type === 'StasisStart' && e.channel.id === 'zv-attempt-42')).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  }, 30_000);
});
