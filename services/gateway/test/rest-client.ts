// Specs read answers loosely (`body.items[0].scenarioId`); what types them is the check of every
// answer against the OpenAPI document (openapi-conformance.ts).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** One HTTP exchange as a spec looks at it. */
export interface Answer<T = Loose> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** A small REST client over fetch: JSON in, JSON (or problem+json, or text) out. */
export class RestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly defaults: Record<string, string> = {},
  ) {}

  /** The same client with more default headers (a token, a language). */
  with(headers: Record<string, string>): RestClient {
    return new RestClient(this.baseUrl, { ...this.defaults, ...headers });
  }

  get<T = Loose>(path: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
    return this.send('GET', path, undefined, headers);
  }

  post<T = Loose>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    return this.send('POST', path, body, headers);
  }

  put<T = Loose>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    return this.send('PUT', path, body, headers);
  }

  delete<T = Loose>(path: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
    return this.send('DELETE', path, undefined, headers);
  }

  async send<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.defaults, ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    const parsed = text !== '' && type.includes('json') ? (JSON.parse(text) as T) : (text as T);
    return { status: response.status, headers: response.headers, body: parsed };
  }
}
