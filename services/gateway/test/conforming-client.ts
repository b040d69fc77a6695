import { OpenApiConformance } from './openapi-conformance';
import { RestClient, type Answer, type Loose } from './rest-client';

/**
 * A REST client whose every answer is checked against the gateway's own OpenAPI document (status
 * documented, body matching its schema) before the spec sees it.
 */
export class ConformingClient {
  private constructor(
    private readonly rest: RestClient,
    private readonly conformance: OpenApiConformance,
  ) {}

  static async of(baseUrl: string): Promise<ConformingClient> {
    const rest = new RestClient(baseUrl);
    const document = await rest.get('/api/openapi.json');
    return new ConformingClient(rest, new OpenApiConformance(document.body));
  }

  with(headers: Record<string, string>): ConformingClient {
    return new ConformingClient(this.rest.with(headers), this.conformance);
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Answer<Loose>> {
    return this.rest.get(path, headers).then((answer) => this.conformance.check('GET', path, answer));
  }

  post(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<Loose>> {
    return this.rest.post(path, body, headers).then((answer) => this.conformance.check('POST', path, answer));
  }

  put(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<Loose>> {
    return this.rest.put(path, body, headers).then((answer) => this.conformance.check('PUT', path, answer));
  }

  delete(path: string, headers: Record<string, string> = {}): Promise<Answer<Loose>> {
    return this.rest.delete(path, headers).then((answer) => this.conformance.check('DELETE', path, answer));
  }
}
