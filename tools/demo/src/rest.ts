/** One answer of the public REST API. */
export interface RestAnswer {
  readonly status: number;
  // The demo reads answers as documented at /api/docs; it checks the statuses it relies on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** The public REST API at `baseUrl` (`/api/v1/...`), as a signed-in user once `signedIn` is called. */
export class Rest {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | null = null,
  ) {}

  signedIn(token: string): Rest {
    return new Rest(this.baseUrl, token);
  }

  get bearer(): string | null {
    return this.token;
  }

  async send(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<RestAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': contentType }), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), 'accept-language': 'en' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text };
  }

  /** The request, which must answer `expected`; anything else stops the demo with the problem the API gave. */
  async expect(expected: number, method: string, path: string, body?: unknown, contentType?: string): Promise<RestAnswer> {
    const answer = await this.send(method, path, body, contentType);
    if (answer.status !== expected) throw new Error(`${method} ${path} answered ${answer.status} (expected ${expected}): ${JSON.stringify(answer.body)}`);
    return answer;
  }

  /**
   * The request about a project created a moment ago: a service may not know the project until its
   * event arrives, and answers 404 meanwhile. Retried for up to 20 s.
   */
  async expectOnceKnown(expected: number, method: string, path: string, body?: unknown): Promise<RestAnswer> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answer = await this.send(method, path, body);
      if (answer.status !== 404 || Date.now() > deadline) {
        if (answer.status !== expected) throw new Error(`${method} ${path} answered ${answer.status} (expected ${expected}): ${JSON.stringify(answer.body)}`);
        return answer;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
