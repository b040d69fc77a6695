import { badRequest } from './ari-error';

/**
 * Request parameters the way ARI reads them: query string values, overridden by top-level
 * fields of a JSON body (originate accepts everything in the body), plus `variables`.
 */
export class Params {
  constructor(
    private readonly values: ReadonlyMap<string, string>,
    readonly variables: ReadonlyArray<readonly [string, string]>,
  ) {}

  static parse(query: URLSearchParams, body: unknown): Params {
    const values = new Map<string, string>(query);
    let variables: Array<[string, string]> = [];
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
        if (key === 'variables' && value !== null && typeof value === 'object') {
          variables = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]);
        } else if (value !== null && value !== undefined && typeof value !== 'object') {
          values.set(key, String(value));
        }
      }
    }
    return new Params(values, variables);
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  require(name: string, message = `Missing parameter ${name}`): string {
    const value = this.values.get(name);
    if (value === undefined || value === '') throw badRequest(message);
    return value;
  }

  number(name: string, fallback: number): number {
    const raw = this.values.get(name);
    const value = raw === undefined || raw === '' ? NaN : Number(raw);
    return Number.isFinite(value) ? value : fallback;
  }
}
