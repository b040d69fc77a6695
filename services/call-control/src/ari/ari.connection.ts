import type { Channel } from '@zvonar/ari-model';
import { BehaviorSubject, type Observable } from 'rxjs';
import WebSocket from 'ws';
import { backoffDelay, DEFAULT_BACKOFF, type AriConfig, type BackoffPolicy } from './ari.config';
import type { AriCommands } from './ari.commands';
import { decodeAriEvent, type AriEvent, type MalformedEvent } from './ari-events';

export type AriConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

/** What the events connection found on Asterisk after (re)connecting. */
export interface AriResync {
  /** Channels this process owns (by `isOurs`): adopt them or hang them up. */
  ours: Channel[];
  /** Everything else Asterisk has (the Local `;2` halves, other apps' channels). */
  foreign: Channel[];
  /** false on the first connection of this process, true after a drop. */
  reconnected: boolean;
}

export interface AriEventStreamOptions {
  config: AriConfig;
  commands: AriCommands;
  onEvent: (event: AriEvent) => void;
  /** Malformed or unexpected messages, and handler failures; the stream goes on. */
  onMalformed?: (report: MalformedEvent) => void;
  /** Called after every successful connection, before events are delivered again. */
  onResync?: (resync: AriResync) => void | Promise<void>;
  /** Listing channels or the resync hook failed; the connection stays up and events flow. */
  onResyncError?: (error: unknown) => void;
  /**
   * Which channels are ours. By default: channels in our Stasis app right now (their dialplan
   * shows `Stasis(<app>,...)`), plus not-yet-answered ones whose id starts with `channelIdPrefix`
   * (the Local `;2` half, `<id>;2`, is never ours).
   */
  isOurs?: (channel: Channel) => boolean;
  channelIdPrefix?: string;
  backoff?: BackoffPolicy;
  /** A ping every so often; no pong before the next one means a dead connection. */
  heartbeatMs?: number;
}

/**
 * The ARI events WebSocket for our Stasis app. Reconnects on capped exponential backoff,
 * publishes its state (`state$`, for readiness: ready only when `connected`) and, on every
 * connection, lists Asterisk's channels and reports which are ours through `onResync`.
 * Events that arrive while the resync runs are held and delivered after it.
 */
export class AriEventStream {
  private readonly stateSubject = new BehaviorSubject<AriConnectionState>('connecting');
  readonly state$: Observable<AriConnectionState> = this.stateSubject.asObservable();
  private socket: WebSocket | undefined;
  private attempt = 0;
  private everConnected = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly options: AriEventStreamOptions) {}

  get state(): AriConnectionState {
    return this.stateSubject.value;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    const socket = this.socket;
    this.socket = undefined;
    this.stateSubject.next('stopped');
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.terminate();
      });
    }
  }

  private connect(): void {
    const { config } = this.options;
    const url = `${config.baseUrl.replace(/^http/, 'ws')}/ari/events?app=${encodeURIComponent(config.app)}&subscribeAll=false`;
    const socket = new WebSocket(url, { headers: { Authorization: `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}` } });
    this.socket = socket;
    let held: string[] | undefined = [];
    socket.on('message', (data) => {
      const text = String(data);
      if (held) held.push(text);
      else this.deliver(text);
    });
    socket.once('open', () => {
      this.attempt = 0;
      const reconnected = this.everConnected;
      this.everConnected = true;
      this.startHeartbeat(socket);
      void this.resync(reconnected).finally(() => {
        const pending = held ?? [];
        held = undefined;
        for (const text of pending) this.deliver(text);
        if (this.socket === socket && socket.readyState === WebSocket.OPEN) this.stateSubject.next('connected');
      });
    });
    socket.once('close', () => this.onClosed(socket));
    // 'close' follows every 'error'; the error itself needs no handling beyond that.
    socket.on('error', () => undefined);
  }

  private onClosed(socket: WebSocket): void {
    clearInterval(this.heartbeat);
    if (this.stopped || this.socket !== socket) return;
    this.stateSubject.next(this.everConnected ? 'reconnecting' : 'connecting');
    const delay = backoffDelay(this.options.backoff ?? DEFAULT_BACKOFF, this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private startHeartbeat(socket: WebSocket): void {
    const every = this.options.heartbeatMs ?? 10_000;
    let alive = true;
    socket.on('pong', () => (alive = true));
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, every);
    this.heartbeat.unref();
  }

  private async resync(reconnected: boolean): Promise<void> {
    if (!this.options.onResync) return;
    const isOurs = this.options.isOurs ?? defaultIsOurs(this.options.config.app, this.options.channelIdPrefix);
    try {
      const channels = await this.options.commands.listChannels();
      await this.options.onResync({
        ours: channels.filter((c) => isOurs(c)),
        foreign: channels.filter((c) => !isOurs(c)),
        reconnected,
      });
    } catch (error) {
      this.options.onResyncError?.(error);
    }
  }

  private deliver(text: string): void {
    const decoded = decodeAriEvent(text);
    if (!decoded.ok) return this.options.onMalformed?.(decoded.malformed);
    try {
      this.options.onEvent(decoded.event);
    } catch (error) {
      const event = decoded.event;
      const channelId = 'channel' in event ? event.channel.id : 'peer' in event ? event.peer.id : undefined;
      this.options.onMalformed?.({ reason: `handler failed: ${error instanceof Error ? error.message : String(error)}`, channelId, raw: text });
    }
  }
}

export function defaultIsOurs(app: string, channelIdPrefix: string | undefined): (channel: Channel) => boolean {
  return (channel) => {
    if (channel.dialplan.app_name === 'Stasis' && channel.dialplan.app_data.split(',')[0] === app) return true;
    return channelIdPrefix !== undefined && channel.id.startsWith(channelIdPrefix) && !channel.id.endsWith(';2');
  };
}
