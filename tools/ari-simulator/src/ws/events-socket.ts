import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { authorised, type Credentials } from '../http/http-server';
import type { SimCore } from '../sim-core';

/**
 * `GET /ari/events?app=<name>` upgraded to a WebSocket: registers the application and streams
 * its events as JSON text frames. Several sockets for one app all receive its events.
 */
export class EventsSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly core: SimCore,
    private readonly credentials: Credentials,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const apps = (url.searchParams.get('app') ?? '').split(',').filter((a) => a !== '');
    const reject = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/ari/events') return reject(404, 'Not Found');
    if (!authorised(req, url, this.credentials)) return reject(401, 'Unauthorized');
    if (apps.length === 0) return reject(400, 'Bad Request');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws);
      const unsubscribe = apps.map((app) => this.core.hub.subscribe(app, (event) => {
        if (ws.readyState !== ws.OPEN) return;
        this.core.activity.delivered += 1;
        ws.send(JSON.stringify(event));
      }));
      ws.on('close', () => {
        this.sockets.delete(ws);
        for (const off of unsubscribe) off();
      });
    });
  }

  /** Cuts every events connection without a close handshake (a network drop, for tests). */
  dropAll(): number {
    const count = this.sockets.size;
    for (const ws of [...this.sockets]) ws.terminate();
    return count;
  }

  close(): void {
    this.dropAll();
    this.wss.close();
  }
}
