import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realTimeScheduler, type Scheduler } from './clock/scheduler';
import type { CalleeMix } from './dialplan/callee-mix';
import type { DialplanStep } from './dialplan/callees';
import { ariRequestListener, type Credentials } from './http/http-server';
import { SimCore } from './sim-core';
import { EventsSocketServer } from './ws/events-socket';

export interface AriSimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  credentials?: Credentials;
  /** 1 = real time; 0.05 = twenty times faster. Ignored when `scheduler` is given. */
  timeScale?: number;
  scheduler?: Scheduler;
  /** Replaces or extends the `sim` context's callees. */
  callees?: Readonly<Record<string, readonly DialplanStep[]>>;
  /** Callees for phone numbers the dialplan does not know (`PJSIP/+74951234567@loop`), seeded. */
  calleeMix?: CalleeMix;
}

export interface AriSimulator {
  /** `http://127.0.0.1:<port>` (ARI lives below `/ari`). */
  readonly url: string;
  readonly port: number;
  readonly core: SimCore;
  /** Drops every events WebSocket abruptly, as a network failure would. */
  dropEventSockets(): number;
  stop(): Promise<void>;
}

export const DEFAULT_CREDENTIALS: Credentials = { username: 'asterisk', password: 'asterisk' };

/** Starts the simulator on 127.0.0.1. Control endpoint: `POST /_sim/drop-event-sockets`. */
export async function startAriSimulator(options: AriSimulatorOptions = {}): Promise<AriSimulator> {
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const scheduler = options.scheduler ?? realTimeScheduler(options.timeScale ?? 1);
  const core = new SimCore(scheduler, options.callees, undefined, options.calleeMix);
  const events = new EventsSocketServer(core, credentials);
  const ari = ariRequestListener(core, credentials);
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/_sim/drop-event-sockets') {
      const dropped = events.dropAll();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ dropped }));
      return;
    }
    ari(req, res);
  });
  server.on('upgrade', (req, socket, head: Buffer) => events.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    core,
    dropEventSockets: () => events.dropAll(),
    async stop() {
      scheduler.cancelAll();
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
