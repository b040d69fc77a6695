import { eventually } from '@zvonar/testing';
import WebSocket from 'ws';
import { MIXED_BEHAVIOURS, pickMixedBehaviour, startAriSimulator, type AriSimulator, type CalleeMix, type MixedBehaviour } from '../src';

type AriEvent = { type: string; channel?: { id: string }; args?: string[]; digit?: string; cause?: number; playback?: { id: string } };

const mix: CalleeMix = { seed: 42, shares: { press1: 1, press2: 1, silent: 1, busy: 1, noAnswer: 1, machine: 1, reject: 1 } };
const auth = { Authorization: `Basic ${Buffer.from('asterisk:asterisk').toString('base64')}` };

/** The first number (of Moscow's) the mix gives each behaviour: computed, never dialled to find out. */
function numberFor(behaviour: MixedBehaviour): string {
  for (let index = 0; index < 10_000; index += 1) {
    const number = `+7495${String(2_000_000 + index)}`;
    if (pickMixedBehaviour(mix, number) === behaviour) return number;
  }
  throw new Error(`no number for ${behaviour}`);
}

/**
 * A small voice bot over ARI, as call-control drives a campaign call: on answer it asks AMD, then
 * plays a prompt and listens for keys; it hangs up a person after a second prompt.
 */
class ProbeBot {
  readonly events: AriEvent[] = [];
  private constructor(
    private readonly sim: AriSimulator,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as AriEvent;
      this.events.push(event);
      void this.react(event);
    });
  }

  static async connect(sim: AriSimulator): Promise<ProbeBot> {
    const socket = new WebSocket(`${sim.url.replace('http', 'ws')}/ari/events?app=probe`, { headers: auth });
    await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
    return new ProbeBot(sim, socket);
  }

  async call(channelId: string, number: string): Promise<void> {
    const response = await this.post(`/channels?endpoint=${encodeURIComponent(`PJSIP/${number}@loop`)}&app=probe&channelId=${channelId}&timeout=20`);
    expect(response.status).toBe(200);
  }

  of(channelId: string): AriEvent[] {
    return this.events.filter((event) => event.channel?.id === channelId || event.playback?.id.startsWith(channelId) === true);
  }

  close(): void {
    this.socket.close();
  }

  private async react(event: AriEvent): Promise<void> {
    const id = event.channel?.id;
    if (!id) return;
    if (event.type === 'StasisStart' && event.args?.[0] !== 'amd-done') await this.post(`/channels/${id}/continue?context=amd&extension=s&priority=1`);
    else if (event.type === 'StasisStart' && event.args?.[1] === 'MACHINE') await this.post(`/channels/${id}`, 'DELETE');
    else if (event.type === 'StasisStart') await this.post(`/channels/${id}/play/${id}-prompt-1?media=sound:beep`);
    else if (event.type === 'ChannelDtmfReceived') await this.post(`/channels/${id}`, 'DELETE');
  }

  /** No key 5 simulated seconds after the first prompt: ask again; none after the second: goodbye. */
  async promptAgainOrHangUp(channelId: string): Promise<void> {
    const prompts = this.of(channelId).filter((event) => event.type === 'PlaybackFinished').length;
    if (prompts === 1) await this.post(`/channels/${channelId}/play/${channelId}-prompt-2?media=sound:beep`);
    else await this.post(`/channels/${channelId}`, 'DELETE');
  }

  private post(path: string, method = 'POST'): Promise<Response> {
    return fetch(`${this.sim.url}/ari${path}`, { method, headers: auth });
  }
}

describe('the callee mix: real phone numbers reach seeded virtual callees', () => {
  let sim: AriSimulator;
  let bot: ProbeBot;

  beforeAll(async () => {
    sim = await startAriSimulator({ timeScale: 0.2, calleeMix: mix });
    bot = await ProbeBot.connect(sim);
  });

  afterAll(async () => {
    bot?.close();
    await sim?.stop();
  });

  const ended = (channelId: string) =>
    eventually(() => bot.of(channelId).find((event) => event.type === 'ChannelDestroyed'), { timeoutMs: 20_000, intervalMs: 20, what: `${channelId} to end` });
  const digits = (channelId: string) => bot.of(channelId).filter((event) => event.type === 'ChannelDtmfReceived').map((event) => event.digit);
  const amdVerdict = (channelId: string) => bot.of(channelId).find((event) => event.type === 'StasisStart' && event.args?.[0] === 'amd-done')?.args?.[1];

  it('each behaviour does over ARI what the picking function says the number does', async () => {
    const calls = MIXED_BEHAVIOURS.map((behaviour) => ({ behaviour, number: numberFor(behaviour), channelId: `mix-${behaviour}` }));
    await Promise.all(calls.map(({ channelId, number }) => bot.call(channelId, number)));
    // The silent one hears the prompt twice, then the bot gives up on it.
    const silent = 'mix-silent';
    await eventually(() => bot.of(silent).some((event) => event.type === 'PlaybackFinished'), { timeoutMs: 10_000, intervalMs: 20, what: 'the first prompt to the silent callee' });
    const firstPromptEnd = sim.core.scheduler.now();
    await eventually(() => sim.core.scheduler.now() - firstPromptEnd >= 5_000, { timeoutMs: 5_000, intervalMs: 20, what: '5 simulated seconds of silence' });
    await bot.promptAgainOrHangUp(silent);
    await eventually(() => bot.of(silent).filter((event) => event.type === 'PlaybackFinished').length === 2, { timeoutMs: 10_000, intervalMs: 20, what: 'the second prompt' });
    const secondPromptEnd = sim.core.scheduler.now();
    await eventually(() => sim.core.scheduler.now() - secondPromptEnd >= 5_000, { timeoutMs: 5_000, intervalMs: 20, what: '5 more simulated seconds' });
    await bot.promptAgainOrHangUp(silent);

    const endings = Object.fromEntries(await Promise.all(calls.map(async ({ behaviour, channelId }) => [behaviour, (await ended(channelId)).cause] as const)));
    expect(endings).toEqual({ press1: 16, press2: 16, silent: 16, busy: 17, noAnswer: 19, machine: 16, reject: 21 });
    expect(Object.fromEntries(calls.map(({ behaviour, channelId }) => [behaviour, amdVerdict(channelId)]))).toEqual({
      press1: 'HUMAN',
      press2: 'HUMAN',
      silent: 'HUMAN',
      busy: undefined,
      noAnswer: undefined,
      machine: 'MACHINE',
      reject: undefined,
    });
    // People's phones ring before they answer.
    const rang = (channelId: string) => bot.of(channelId).some((event) => event.type === 'ChannelStateChange' && (event as { channel?: { state?: string } }).channel?.state === 'Ringing');
    expect(['press1', 'press2', 'silent', 'noAnswer'].map((behaviour) => rang(`mix-${behaviour}`))).toEqual([true, true, true, true]);
    // The key comes after the prompt has played out, never during it.
    for (const behaviour of ['press1', 'press2'] as const) {
      const events = bot.of(`mix-${behaviour}`).map((event) => event.type);
      expect(events.indexOf('ChannelDtmfReceived')).toBeGreaterThan(events.indexOf('PlaybackFinished'));
    }
    expect({ press1: digits('mix-press1'), press2: digits('mix-press2'), silent: digits('mix-silent') }).toEqual({ press1: ['1'], press2: ['2'], silent: [] });
    // Every call was placed once, and the simulator says which behaviour answered each number.
    expect(sim.core.placedCalls.map(({ channelId, exten, behaviour }) => ({ channelId, exten, behaviour }))).toEqual(
      expect.arrayContaining(calls.map(({ channelId, number, behaviour }) => ({ channelId, exten: number, behaviour }))),
    );
    expect(sim.core.placedCalls).toHaveLength(calls.length);
  }, 30_000);

  it('leaves a mistyped extension unknown: both halves go at once, nobody rings', async () => {
    await bot.call('mix-typo', 'answer-dtmff');

    expect((await ended('mix-typo')).cause).toBe(0);
    expect(sim.core.placedCalls.at(-1)).toMatchObject({ channelId: 'mix-typo', exten: 'answer-dtmff' });
    expect(sim.core.placedCalls.at(-1)?.behaviour).toBeUndefined();
  });
});
