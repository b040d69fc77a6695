import type { AriConfig } from './ari.config';
import { ariHttpError, AriUnavailableError } from './ari.errors';

export type QueryValue = string | number | boolean | undefined;

export interface AriRequest {
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
}

/** Minimal ARI transport over global fetch: basic auth, query encoding, typed errors. */
export class AriHttp {
  private readonly authorization: string;

  constructor(private readonly config: AriConfig) {
    this.authorization = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;
  }

  /** JSON body of the answer, or undefined for 204. */
  async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, init: AriRequest = {}): Promise<T> {
    const response = await this.send(method, path, init);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw ariHttpError(response.status, body, method, path);
    return body as T;
  }

  /** Raw bytes (recording files). */
  async binary(path: string): Promise<Buffer> {
    const response = await this.send('GET', path, {});
    if (!response.ok) throw ariHttpError(response.status, await response.json().catch(() => ({})), 'GET', path);
    return Buffer.from(await response.arrayBuffer());
  }

  private async send(method: string, path: string, init: AriRequest): Promise<Response> {
    const url = new URL(`${this.config.baseUrl}/ari${path}`);
    for (const [key, value] of Object.entries(init.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    try {
      return await fetch(url, {
        method,
        headers: { Authorization: this.authorization, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(this.config.requestTimeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new AriUnavailableError(method, path, error);
    }
  }
}

/** Path segment encoding for ids chosen by clients. */
export const seg = (value: string): string => encodeURIComponent(value);
