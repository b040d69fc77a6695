// Event → command latency as the ARI simulator sees it (bench/call-control.bench.ts): the time
// from the simulator handing an event to the events socket to call-control's resulting REST
// command arriving at the simulator, both on the simulator's clock.

/**
 * The events call-control answers with a command (TALK_DETECT and the first prompt on the
 * answer, the next prompt or the hang-up after a prompt, the reply to a key). Other events
 * (variables, dial progress, playback started) are only recorded, or not even that.
 */
export const TRIGGERING_EVENTS: ReadonlySet<string> = new Set(['StasisStart', 'ChannelDtmfReceived', 'PlaybackFinished', 'ChannelTalkingStarted', 'ChannelTalkingFinished']);

/**
 * Pairs each command on a channel with the latest triggering event sent for that channel since
 * its previous command. Only the first command after an event is a reaction to it; the commands
 * that follow it in the same step (TALK_DETECT, then the prompt) wait on the first one and are
 * not counted again. A triggering event that needs no command (a prompt ended, the bot now
 * listens) is superseded by the next one, so a key pressed after it is timed from the key.
 */
export class EventCommandLatency {
  private readonly awaiting = new Map<string, number>();
  private samples: number[] = [];

  eventSent(channelId: string, type: string, atMs: number): void {
    if (type === 'ChannelDestroyed') this.awaiting.delete(channelId);
    else if (TRIGGERING_EVENTS.has(type)) this.awaiting.set(channelId, atMs);
  }

  commandArrived(channelId: string, atMs: number): void {
    const sentAt = this.awaiting.get(channelId);
    if (sentAt === undefined) return;
    this.awaiting.delete(channelId);
    this.samples.push(atMs - sentAt);
  }

  /** The latencies (ms) measured since the last call, and a fresh start. */
  take(): number[] {
    const taken = this.samples;
    this.samples = [];
    this.awaiting.clear();
    return taken;
  }
}

/**
 * The channel a REST request acts on: `/ari/channels/{id}/...` (not the originate itself, which
 * answers no event), or the channel a playback plays on (`/ari/playbacks/{id}`, looked up).
 */
export function channelOfRequest(method: string, path: string, playbackChannel: (playbackId: string) => string | undefined): string | undefined {
  const [, ari, resource, id] = path.split('?', 1)[0]!.split('/');
  if (ari !== 'ari' || id === undefined || id === '' || method === 'GET') return undefined;
  if (resource === 'channels') return id === 'create' ? undefined : decodeURIComponent(id);
  if (resource === 'playbacks') return playbackChannel(decodeURIComponent(id));
  return undefined;
}
