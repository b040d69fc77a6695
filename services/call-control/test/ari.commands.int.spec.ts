import { eventually } from '@zvonar/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AriCommands,
  AriConflictError,
  AriEventStream,
  AriHttp,
  AriNotFoundError,
  AriUnprocessableError,
  type AriEvent,
} from '../src/ari';
import { startSimulatorProcess, type SimulatorProcess } from './ari-simulator.process';

const APP = 'zvonar';
const TRACES = join(__dirname, '../../../../shared/fixtures/ari-traces');

/** Event types of the application's own channel in a recorded trace (the one the probe originated). */
function recordedTypes(file: string, channelName: RegExp): string[] {
  const entries = JSON.parse(readFileSync(join(TRACES, file), 'utf8')) as Array<{ kind: string; event?: Record<string, { name?: string } | string> }>;
  return entries.flatMap((e) => {
    const event = e.event;
    if (e.kind !== 'event' || !event) return [];
    const channel = (event['channel'] ?? event['peer']) as { name?: string } | undefined;
    const target = (event['playback'] as { target_uri?: string } | undefined)?.target_uri;
    return (channel?.name && channelName.test(channel.name)) || target ? [String(event['type'])] : [];
  });
}

// The typed client drives the simulator through flows of the recorded traces; the events our
// channel receives must be the ones Asterisk sent to the probe.
describe('AriCommands against the ARI simulator', () => {
  let sim: SimulatorProcess;
  let commands: AriCommands;
  let stream: AriEventStream;
  const events: AriEvent[] = [];
  const of = (id: string): AriEvent[] =>
    events.filter((e) => ('channel' in e && e.channel.id === id) || ('peer' in e && e.peer.id === id) || ('playback' in e && e.playback.target_uri === `channel:${id}`));
  const has = (id: string, type: AriEvent['type']): boolean => of(id).some((e) => e.type === type);

  beforeAll(async () => {
    sim = await startSimulatorProcess(0.2);
    const config = { baseUrl: sim.baseUrl, username: 'asterisk', password: 'asterisk', app: APP };
    commands = new AriCommands(new AriHttp(config), APP);
    stream = new AriEventStream({ config, commands, onEvent: (e) => events.push(e) });
    stream.start();
    await eventually(() => stream.state === 'connected', { what: 'events connected' });
  }, 30_000);

  afterAll(async () => {
    await stream.stop();
    await sim.stop();
  });

  test('answer-dtmf: originate, answer, play, DTMF, hang up — the same events as answer-dtmf.json', async () => {
    const id = 'zv-dtmf-1';
    const placed = await commands.originate({ endpoint: 'Local/answer-dtmf@sim', channelId: id, appArgs: ['answer-dtmf'], timeoutSeconds: 30 });
    expect(placed).toMatchObject({ kind: 'originated', channel: { id, state: 'Down' } });
    await eventually(() => has(id, 'StasisStart'), { what: 'StasisStart' });
    await commands.answer(id);
    const playback = await commands.play(id, 'zv-pb-1', ['sound:hello-world']);
    expect(playback).toMatchObject({ id: 'zv-pb-1', media_uri: 'sound:hello-world', target_uri: `channel:${id}` });
    await eventually(() => has(id, 'ChannelDtmfReceived'), { what: 'DTMF' });
    await commands.hangup(id);
    await eventually(() => has(id, 'ChannelDestroyed'), { what: 'destroyed' });
    expect(of(id).map((e) => e.type)).toEqual(recordedTypes('answer-dtmf.json', /;1$/));
    expect(of(id).find((e) => e.type === 'ChannelDtmfReceived')).toMatchObject({ digit: '1', duration_ms: 100 });
    expect(of(id).at(-1)).toMatchObject({ type: 'ChannelDestroyed', cause: 16, cause_txt: 'Normal Clearing' });
  }, 30_000);

  test('create + dial to a busy callee: Dial BUSY, then cause 17 once Busy(5) ends', async () => {
    const id = 'zv-busy-1';
    await commands.createChannel({ endpoint: 'Local/busy@sim', channelId: id, appArgs: ['create-dial'] });
    await eventually(() => has(id, 'StasisStart'), { what: 'StasisStart' });
    await commands.dial(id, 30);
    await eventually(() => has(id, 'ChannelDestroyed'), { timeoutMs: 15_000, what: 'destroyed' });
    expect(of(id).map((e) => e.type)).toEqual(recordedTypes('create-dial-busy.json', /;1$/));
    expect(of(id).filter((e) => e.type === 'Dial').map((e) => e.type === 'Dial' && e.dialstatus)).toEqual(['', 'BUSY']);
    expect(of(id).at(-1)).toMatchObject({ type: 'ChannelDestroyed', cause: 17, cause_txt: 'User busy' });
  }, 30_000);

  test('the AMD hop returns into Stasis with the verdict; TALK_DETECT reports the greeting', async () => {
    const id = 'zv-amd-1';
    await commands.originate({ endpoint: 'Local/machine-rtp@sim', channelId: id, appArgs: ['callee'] });
    await eventually(() => has(id, 'StasisStart'), { what: 'StasisStart' });
    await commands.continueInDialplan(id, { context: 'amd', extension: 's', priority: 1 });
    await eventually(() => of(id).filter((e) => e.type === 'StasisStart').length === 2, { timeoutMs: 15_000, what: 'back in Stasis' });
    expect(of(id).filter((e) => e.type === 'StasisStart').map((e) => e.type === 'StasisStart' && e.args)).toEqual([['callee'], ['amd-done', 'MACHINE', 'MAXWORDS-3-2']]);
    expect(await commands.getVariable(id, 'AMDSTATUS')).toBe('MACHINE');
    // The machine's greeting is still playing: turning TALK_DETECT on reports talking.
    await commands.enableTalkDetect(id);
    await eventually(() => has(id, 'ChannelTalkingStarted'), { what: 'talking' });
    await commands.hangup(id, { reasonCode: 21 });
    await eventually(() => has(id, 'ChannelDestroyed'), { what: 'destroyed' });
    expect(of(id).at(-1)).toMatchObject({ type: 'ChannelDestroyed', cause: 21, cause_txt: 'Call Rejected' });
  }, 30_000);

  test('ARI errors surface as typed errors', async () => {
    await expect(commands.getChannel('zv-nope')).rejects.toBeInstanceOf(AriNotFoundError);
    await expect(commands.getChannel('zv-nope')).rejects.toMatchObject({ status: 404, ariMessage: 'Channel not found' });
    const id = 'zv-err-1';
    await commands.originate({ endpoint: 'Local/operator@sim', channelId: id });
    await eventually(() => has(id, 'StasisStart'), { what: 'StasisStart' });
    await expect(commands.dial(id)).rejects.toMatchObject({ constructor: AriConflictError, ariMessage: "Channel is not in the 'Down' state" });
    expect(await commands.record(id, { name: 'zv-rec', format: 'wav' })).toMatchObject({ name: 'zv-rec', state: 'queued' });
    // A format the system does not know (the type only admits known ones, hence the cast).
    await expect(commands.record(id, { name: 'zv-rec-2', format: 'nosuch' as 'wav' })).rejects.toBeInstanceOf(AriUnprocessableError);
    await expect(commands.getVariable(id, 'NOT_SET')).rejects.toMatchObject({ status: 404, ariMessage: 'Provided variable was not found' });
    await commands.hangup(id);
    await eventually(() => has(id, 'ChannelDestroyed'), { what: 'destroyed' });
    await expect(commands.hangup(id)).rejects.toBeInstanceOf(AriNotFoundError);
  }, 30_000);
});
