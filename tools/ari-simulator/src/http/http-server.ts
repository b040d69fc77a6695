import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCore } from '../sim-core';
import { AriError } from './ari-error';
import { Params } from './params';
import type { Reply } from './reply';
import { matchRoute } from './routes';

export interface Credentials {
  username: string;
  password: string;
}

/** Basic auth or `api_key=user:password`, as ARI accepts. */
export function authorised(req: IncomingMessage, url: URL, credentials: Credentials): boolean {
  const expected = `${credentials.username}:${credentials.password}`;
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ')) return Buffer.from(header.slice(6), 'base64').toString('utf8') === expected;
  return url.searchParams.get('api_key') === expected;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return null;
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AriError(400, { message: 'Invalid JSON body' });
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if ('binary' in reply) {
    res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': reply.binary.length });
    res.end(reply.binary);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status);
    res.end();
    return;
  }
  const json = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/** Serves /ari/* REST requests against the simulated Asterisk. */
export function ariRequestListener(core: SimCore, credentials: Credentials) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    core.activity.received += 1;
    core.activity.inflight += 1;
    void handle(core, credentials, req, res)
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, { status: 500, body: { message: error instanceof Error ? error.message : String(error) } });
      })
      .finally(() => (core.activity.inflight -= 1));
  };
}

async function handle(core: SimCore, credentials: Credentials, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!url.pathname.startsWith('/ari/')) return send(res, { status: 404, body: { message: 'Not found' } });
  if (!authorised(req, url, credentials)) {
    res.setHeader('WWW-Authenticate', 'Basic realm="Asterisk REST Interface"');
    return send(res, { status: 401, body: { message: 'Authentication required' } });
  }
  const route = matchRoute(req.method ?? 'GET', url.pathname.slice('/ari'.length));
  if (route === 'no-route') return send(res, { status: 404, body: { message: 'Resource not found' } });
  if (route === 'bad-method') return send(res, { status: 405, body: { message: 'Invalid method' } });
  try {
    const params = Params.parse(url.searchParams, await readBody(req));
    send(res, await route.handler({ core, params, path: route.path }));
  } catch (error) {
    if (error instanceof AriError) return send(res, { status: error.status, body: error.body });
    throw error;
  }
}
