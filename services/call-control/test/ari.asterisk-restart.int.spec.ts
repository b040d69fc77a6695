import { eventually } from '@zvonar/testing';
import { AriCommands, AriEventStream, AriHttp, type AriConnectionState, type AriResync } from '../src/ari';
import { startSimulatorProcess, type SimulatorProcess } from './ari-simulator.process';

// Asterisk itself goes away (a restart): the stream reports not-ready until it is back, then
// resyncs; the calls it had are gone, so nothing is ours any more.
test('an Asterisk restart: reconnecting while it is down, then a resync with no channels of ours', async () => {
  let sim: SimulatorProcess = await startSimulatorProcess(0.1);
  const port = Number(new URL(sim.baseUrl).port);
  const config = { baseUrl: sim.baseUrl, username: 'asterisk', password: 'asterisk', app: 'zvonar' };
  const commands = new AriCommands(new AriHttp(config), 'zvonar');
  const states: AriConnectionState[] = [];
  const resyncs: AriResync[] = [];
  const stream = new AriEventStream({
    config,
    commands,
    channelIdPrefix: 'zv-',
    backoff: { initialMs: 50, maxMs: 400, factor: 2 },
    onEvent: () => undefined,
    onResync: (resync) => void resyncs.push(resync),
  });
  stream.state$.subscribe((state) => states.push(state));
  stream.start();
  try {
    await eventually(() => stream.state === 'connected', { what: 'connected' });
    await commands.originate({ endpoint: 'Local/operator@sim', channelId: 'zv-live' });
    await eventually(async () => (await commands.listChannels()).some((c) => c.id === 'zv-live' && c.state === 'Up'), { what: 'call up' });

    await sim.stop();
    await eventually(() => stream.state === 'reconnecting', { what: 'not ready while Asterisk is down' });
    sim = await startSimulatorProcess(0.1, port);
    await eventually(() => stream.state === 'connected', { timeoutMs: 15_000, what: 'back' });

    expect(states.filter((s, i) => s !== states[i - 1])).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(resyncs.at(-1)).toEqual({ ours: [], foreign: [], reconnected: true });
  } finally {
    await stream.stop();
    await sim.stop();
  }
}, 40_000);
