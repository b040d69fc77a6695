import { channelOfEvent, RawDispatchLoop } from './call-control-replay';

describe('channelOfEvent', () => {
  it('is the channel of a channel event, the target channel of a playback event, else empty', () => {
    expect(channelOfEvent({ type: 'StasisStart', channel: { id: 'zvc-1' } })).toBe('zvc-1');
    expect(channelOfEvent({ type: 'PlaybackFinished', playback: { target_uri: 'channel:zvc-2' } })).toBe('zvc-2');
    expect(channelOfEvent({ type: 'PlaybackFinished', playback: { target_uri: 'bridge:b-1' } })).toBe('');
    expect(channelOfEvent({ type: 'BridgeDestroyed' })).toBe('');
  });
});

describe('RawDispatchLoop', () => {
  it('parses every frame and hands it to one handler per channel', () => {
    const loop = new RawDispatchLoop();
    for (const frame of [
      '{"type":"StasisStart","channel":{"id":"a"}}',
      '{"type":"PlaybackStarted","playback":{"target_uri":"channel:a"}}',
      '{"type":"StasisStart","channel":{"id":"b"}}',
    ])
      loop.digest(frame);

    expect(loop.digested).toBe(3);
    expect(loop.channels).toBe(2);
  });

  it('throws on a frame that is no JSON (the replay would be broken, not slow)', () => {
    expect(() => new RawDispatchLoop().digest('{oops')).toThrow(SyntaxError);
  });
});
