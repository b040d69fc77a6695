import { channelOfRequest, EventCommandLatency } from './call-control-latency';

describe('EventCommandLatency', () => {
  it('times the first command after a triggering event, not the commands of the same step after it', () => {
    const latency = new EventCommandLatency();
    latency.eventSent('c1', 'StasisStart', 100);
    latency.commandArrived('c1', 103);
    latency.commandArrived('c1', 105);

    expect(latency.take()).toEqual([3]);
  });

  it('ignores events that ask for no command and commands no event asked for', () => {
    const latency = new EventCommandLatency();
    latency.commandArrived('c1', 50);
    latency.eventSent('c1', 'ChannelVarset', 100);
    latency.eventSent('c1', 'PlaybackStarted', 101);
    latency.commandArrived('c1', 110);

    expect(latency.take()).toEqual([]);
  });

  it('times a key pressed after a prompt ended from the key, not from the end of the prompt', () => {
    const latency = new EventCommandLatency();
    latency.eventSent('c1', 'PlaybackFinished', 100);
    latency.eventSent('c1', 'ChannelDtmfReceived', 140);
    latency.commandArrived('c1', 142);

    expect(latency.take()).toEqual([2]);
  });

  it('keeps channels apart and forgets a channel once it is destroyed', () => {
    const latency = new EventCommandLatency();
    latency.eventSent('c1', 'PlaybackFinished', 100);
    latency.eventSent('c2', 'ChannelDtmfReceived', 101);
    latency.eventSent('c1', 'ChannelDestroyed', 102);
    latency.commandArrived('c1', 200);
    latency.commandArrived('c2', 104);

    expect(latency.take()).toEqual([3]);
  });

  it('starts afresh after take', () => {
    const latency = new EventCommandLatency();
    latency.eventSent('c1', 'StasisStart', 100);
    latency.take();
    latency.commandArrived('c1', 101);

    expect(latency.take()).toEqual([]);
  });
});

describe('channelOfRequest', () => {
  const playbacks = (id: string) => (id === 'p-1' ? 'c-9' : undefined);

  it.each([
    ['POST', '/ari/channels/zvc-1/play?media=sound%3Abeep&playbackId=p-1', 'zvc-1'],
    ['DELETE', '/ari/channels/zvc-1?reason_code=16', 'zvc-1'],
    ['POST', '/ari/channels/zvc-1/variable?variable=TALK_DETECT(set)', 'zvc-1'],
    ['DELETE', '/ari/playbacks/p-1', 'c-9'],
    ['DELETE', '/ari/playbacks/p-unknown', undefined],
    ['POST', '/ari/channels?endpoint=PJSIP%2F%2B7900@loop&channelId=zvc-2', undefined],
    ['POST', '/ari/channels/create', undefined],
    ['GET', '/ari/channels/zvc-1', undefined],
    ['POST', '/ari/bridges/b-1/addChannel', undefined],
  ])('%s %s acts on %s', (method, path, channel) => {
    expect(channelOfRequest(method, path, playbacks)).toBe(channel);
  });
});
