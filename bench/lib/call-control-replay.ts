// The baseline of bench/call-control.bench.ts: the least an ARI application can do with its
// events, a raw `ws` client that JSON.parses each frame and dispatches it through a Map to the
// handler of its channel. It digests the very frames the simulator sent call-control in the
// subject's round, replayed by the simulator's process as fast as the socket takes them.
import WebSocket from 'ws';

/** The frame a replay ends with (no ARI event looks like it). */
export const END_OF_REPLAY = '"end-of-replay"';

type AriFrame = { readonly type?: string; readonly channel?: { readonly id?: string }; readonly playback?: { readonly target_uri?: string } };

/** The channel an ARI event is about: its channel, or the channel its playback plays on; `''` for neither. */
export function channelOfEvent(event: AriFrame): string {
  const id = event.channel?.id;
  if (id !== undefined) return id;
  const target = event.playback?.target_uri;
  return target?.startsWith('channel:') ? target.slice('channel:'.length) : '';
}

type ChannelHandler = { events: number; last: string };

/** Per-channel dispatch, as an application keeps a handler per live call. */
export class RawDispatchLoop {
  private readonly handlers = new Map<string, ChannelHandler>();
  digested = 0;

  digest(frame: string): void {
    const event = JSON.parse(frame) as AriFrame;
    const channelId = channelOfEvent(event);
    let handler = this.handlers.get(channelId);
    if (!handler) {
      handler = { events: 0, last: '' };
      this.handlers.set(channelId, handler);
    }
    handler.events += 1;
    handler.last = event.type ?? '';
    this.digested += 1;
  }

  get channels(): number {
    return this.handlers.size;
  }
}

/**
 * Connects to a replay server and digests every frame until the end marker: events per second
 * from the first frame to the end, and this process's CPU time per event (µs) meanwhile.
 */
export async function digestReplay(url: string): Promise<{ events: number; perSecond: number; cpuMicrosPerEvent: number }> {
  const loop = new RawDispatchLoop();
  const socket = new WebSocket(url);
  let first = 0n;
  let cpu = process.cpuUsage();
  const seconds = await new Promise<number>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('message', (data: WebSocket.RawData) => {
      const frame = data.toString();
      if (first === 0n) {
        first = process.hrtime.bigint();
        cpu = process.cpuUsage();
      }
      if (frame === END_OF_REPLAY) {
        cpu = process.cpuUsage(cpu);
        resolve(Number(process.hrtime.bigint() - first) / 1e9);
        return;
      }
      loop.digest(frame);
    });
  });
  socket.close();
  return { events: loop.digested, perSecond: loop.digested / seconds, cpuMicrosPerEvent: (cpu.user + cpu.system) / loop.digested };
}
