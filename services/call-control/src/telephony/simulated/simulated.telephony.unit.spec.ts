import { aSimulatedNetwork, aBusyLine, aPersonWho, aPersonWhoHangsUpMidPrompt, anAnsweringMachine, keys, nobodyAnswers, says } from '../../../test/mothers/telephony.mother';
import type { TelephonyEvent } from '../telephony.port';
import { VirtualScheduler } from '../time/virtual.scheduler';
import { defaultCalleeBehaviour, type CalleeBehaviour, type SimulatedTelephonyConfig } from './callee-behaviour';
import { SimulatedTelephony } from './simulated.telephony';

const PROMPT = 'Нажмите 1';

const network = (config: SimulatedTelephonyConfig) => {
  const scheduler = new VirtualScheduler();
  const telephony = new SimulatedTelephony(config, scheduler);
  const heard = new Map<string, string[]>();
  const t0 = scheduler.now().getTime();
  const listen = (channelId: string) =>
    telephony.subscribe(channelId, (event: TelephonyEvent) => {
      const { type, at, ...rest } = event;
      heard.set(channelId, [...(heard.get(channelId) ?? []), `${at - t0} ${type} ${JSON.stringify(rest)}`]);
    });
  const listened = new Set<string>();
  const originate = async (channelId: string, projectId = 'project-1') => {
    if (!listened.has(channelId)) listen(channelId);
    listened.add(channelId);
    return telephony.originate({ channelId, number: '+79991234567', callerId: '+74950001122', trunkId: 'trunk', ringTimeoutMs: 30_000, tags: { projectId } });
  };
  const drain = () => {
    while (scheduler.runNext());
  };
  /** Runs until the channel reports `type` (the bot's next move comes after it). */
  const until = (channelId: string, type: TelephonyEvent['type']) => {
    while (!(heard.get(channelId) ?? []).some((line) => line.split(' ')[1] === type) && scheduler.runNext());
  };
  const types = (channelId: string) => (heard.get(channelId) ?? []).map((line) => line.split(' ')[1]);
  return { scheduler, telephony, heard, originate, drain, until, types };
};

const hungUp = (lines: readonly string[] | undefined) => lines?.find((line) => line.includes(' HungUp '));

describe('SimulatedTelephony', () => {
  it('gives each channel the same life for the same seed, whatever the order of the calls', async () => {
    const first = network(aSimulatedNetwork(defaultCalleeBehaviour, { seed: 5 }));
    const second = network(aSimulatedNetwork(defaultCalleeBehaviour, { seed: 5 }));
    const ids = Array.from({ length: 30 }, (_, index) => `ch-${index}`);
    for (const id of ids) await first.originate(id);
    for (const id of [...ids].reverse()) await second.originate(id);
    first.drain();
    second.drain();
    for (const id of ids) expect(second.heard.get(id)).toEqual(first.heard.get(id));
    expect(new Set(ids.map((id) => hungUp(first.heard.get(id))?.split(' ')[2])).size).toBeGreaterThan(1);
  });

  it('reports the Q.850 causes and SIP codes networks give', async () => {
    const cases: [CalleeBehaviour, string][] = [
      [aBusyLine(), '{"cause":17,"sipCode":486}'],
      [nobodyAnswers(), '{"cause":19,"sipCode":480}'],
      [{ ...defaultCalleeBehaviour, outcomes: { answer: 0, busy: 0, noAnswer: 0, rejected: 0, congestion: 1 } }, '{"cause":34,"sipCode":503}'],
    ];
    for (const [behaviour, ending] of cases) {
      const net = network(aSimulatedNetwork(behaviour));
      await net.originate('ch-1');
      net.drain();
      expect(hungUp(net.heard.get('ch-1'))).toContain(ending);
    }
  });

  it('gives up on an unanswered call after the ring timeout, counted from the ringing', async () => {
    const net = network(aSimulatedNetwork(nobodyAnswers()));
    await net.originate('ch-1');
    net.drain();
    const [ringing, ended] = (net.heard.get('ch-1') ?? []).map((line) => Number(line.split(' ')[0]));
    expect(net.types('ch-1')).toEqual(['Ringing', 'HungUp']);
    expect((ended ?? 0) - (ringing ?? 0)).toBe(30_000);
  });

  it('uses the behaviour of the project the call belongs to', async () => {
    const net = network(aSimulatedNetwork(aBusyLine(), { behaviourByProject: { 'project-2': { outcomes: { answer: 0, busy: 0, noAnswer: 1, rejected: 0, congestion: 0 } } } }));
    await net.originate('ch-1', 'project-1');
    await net.originate('ch-2', 'project-2');
    net.drain();
    expect(hungUp(net.heard.get('ch-1'))).toContain('"cause":17');
    expect(hungUp(net.heard.get('ch-2'))).toContain('"cause":19');
  });

  it('never rings twice for one channel id, refuses bad numbers and a full trunk', async () => {
    const net = network(aSimulatedNetwork(aPersonWho(PROMPT), { maxChannels: 1 }));
    expect(await net.originate('ch-1')).toEqual({ kind: 'originated' });
    expect(await net.originate('ch-1')).toEqual({ kind: 'already-originated' });
    expect(await net.originate('ch-2')).toMatchObject({ kind: 'refused', reason: 'NoFreeChannel', cause: 34 });
    expect(await net.telephony.originate({ channelId: 'ch-3', number: '12', callerId: 'x', trunkId: 't', ringTimeoutMs: 1_000 })).toMatchObject({ kind: 'refused', reason: 'InvalidNumber' });
    net.until('ch-1', 'Answered');
    expect(net.types('ch-1').filter((type) => type === 'Ringing')).toHaveLength(1);
  });

  it('answers a recognition after the prompt with the scripted keys, one event per digit', async () => {
    const net = network(aSimulatedNetwork(aPersonWho(PROMPT, keys('12#'))));
    await net.originate('ch-1');
    net.until('ch-1', 'Answered');
    await net.telephony.play('ch-1', 'p1', { kind: 'text', text: PROMPT });
    await net.telephony.startRecognition('ch-1', { mode: 'dtmf', timeoutMs: 5_000 });
    net.until('ch-1', 'HungUp');
    const lines = net.heard.get('ch-1') ?? [];
    const timeOf = (line: string | undefined) => Number(line?.split(' ')[0]);
    const digits = lines.filter((line) => line.includes('DtmfReceived'));
    expect(digits.map((line) => JSON.parse(line.split(' ').slice(2).join(' ')).digit)).toEqual(['1', '2', '#']);
    expect(timeOf(digits[0])).toBeGreaterThan(timeOf(lines.find((line) => line.includes('PlaybackFinished'))));
    expect(timeOf(digits[1]) - timeOf(digits[0])).toBe(350);
  });

  it('speaks a scripted reply, with talking reported in started/finished pairs', async () => {
    const net = network(aSimulatedNetwork(aPersonWho(PROMPT, says('да'))));
    await net.originate('ch-1');
    net.until('ch-1', 'Answered');
    await net.telephony.startTalkDetection('ch-1');
    await net.telephony.play('ch-1', 'p1', { kind: 'text', text: PROMPT });
    await net.telephony.startRecognition('ch-1', { mode: 'speech', timeoutMs: 5_000 });
    net.until('ch-1', 'SpeechRecognised');
    const types = net.types('ch-1');
    expect(types.slice(0, 4)).toEqual(['Ringing', 'Answered', 'PlaybackStarted', 'TalkingStarted']);
    expect(types.at(-1)).toBe('SpeechRecognised');
    net.until('ch-1', 'HungUp');
    const all = net.types('ch-1');
    expect(all.filter((type) => type === 'TalkingStarted').length).toBe(all.filter((type) => type === 'TalkingFinished').length);
  });

  it('fails the prompt, stores the recording and then hangs up when the callee leaves mid-prompt', async () => {
    const net = network(aSimulatedNetwork(aPersonWhoHangsUpMidPrompt()));
    await net.originate('ch-1');
    net.until('ch-1', 'Answered');
    await net.telephony.startRecording('ch-1', 'rec-1');
    await net.telephony.play('ch-1', 'p1', { kind: 'text', text: 'Очень длинное приветствие, которое никто не дослушает до конца.' });
    net.until('ch-1', 'PlaybackFinished');
    if (!net.types('ch-1').includes('HungUp')) {
      // This callee leaves during the second prompt.
      await net.telephony.play('ch-1', 'p2', { kind: 'text', text: 'Второй длинный вопрос, на котором абонент кладёт трубку.' });
      net.until('ch-1', 'HungUp');
    }
    expect(net.types('ch-1').slice(-3)).toEqual(['PlaybackFinished', 'RecordingStored', 'HungUp']);
    expect(net.heard.get('ch-1')?.at(-3)).toContain('"result":"failed"');
    expect(hungUp(net.heard.get('ch-1'))).toContain('{"cause":16}');
    net.drain();
    expect(net.scheduler.pending).toBe(0);
    expect(net.telephony.activeChannels).toBe(0);
  });

  it('tells a machine from a person, and leaves nothing scheduled after the bot hangs up', async () => {
    const net = network(aSimulatedNetwork(anAnsweringMachine()));
    await net.originate('ch-1');
    net.until('ch-1', 'Answered');
    await net.telephony.startMachineDetection('ch-1', { timeoutMs: 5_000 });
    net.until('ch-1', 'MachineDetectionCompleted');
    expect(net.heard.get('ch-1')?.at(-1)).toContain('"result":"machine"');
    await net.telephony.hangUp('ch-1', 16);
    net.drain();
    expect(net.types('ch-1').at(-1)).toBe('HungUp');
    expect(net.scheduler.pending).toBe(0);
    expect(net.telephony.activeChannels).toBe(0);
  });

  it('ignores commands for a channel that is gone', async () => {
    const net = network(aSimulatedNetwork(aBusyLine()));
    await net.originate('ch-1');
    net.drain();
    await net.telephony.play('ch-1', 'p1', { kind: 'text', text: PROMPT });
    await net.telephony.hangUp('ch-1', 16);
    net.drain();
    expect(net.types('ch-1')).toEqual(['HungUp']);
  });
});
