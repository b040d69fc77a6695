import { z } from 'zod';
import { defineRoute } from '../http/route';
import { buildOpenApiDocument, openApiPath } from './openapi.document';

const info = { title: 'Zvonar API', version: '0.1.0', description: 'test' };

const createThing = defineRoute({
  method: 'POST',
  path: '/api/v1/projects/:projectId/things',
  operationId: 'createThing',
  tag: 'things',
  summary: 'Create a thing',
  access: 'authenticated',
  scope: 'things.write',
  params: z.strictObject({ projectId: z.string().describe('The project') }),
  body: z.strictObject({ name: z.string().min(1) }),
  response: z.object({ thingId: z.string() }),
  status: 201,
  problems: [404],
});

const ping = defineRoute({ method: 'GET', path: '/api/v1/ping', operationId: 'ping', tag: 'misc', summary: 'Ping', access: 'public', status: 204 });

const download = defineRoute({ method: 'GET', path: '/api/v1/things.csv', operationId: 'downloadThings', tag: 'things', summary: 'Download', access: 'authenticated', status: 200, rawResponse: { contentType: 'text/csv' } });

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument([createThing, ping, download], info) as { paths: Record<string, Record<string, Record<string, unknown>>> };
  const create = document.paths['/api/v1/projects/{projectId}/things']?.post as Record<string, unknown> & { responses: Record<string, unknown> };

  it('documents a file answer by its content type, not as JSON', () => {
    const answer = (document.paths['/api/v1/things.csv']?.get as { responses: Record<string, unknown> }).responses['200'];
    expect(answer).toMatchObject({ content: { 'text/csv': { schema: { type: 'string', contentMediaType: 'text/csv' } } } });
    expect(answer).not.toHaveProperty(['content', 'application/json']);
  });

  it('converts Nest paths to OpenAPI paths', () => {
    expect(openApiPath('/a/:b/c/:dId')).toBe('/a/{b}/c/{dId}');
  });

  it('documents an authenticated POST: path parameter, Idempotency-Key, body, answer, scope and every problem', () => {
    expect(create.operationId).toBe('createThing');
    expect(create.security).toEqual([{ bearer: [] }, { apiKey: ['things.write'] }]);
    expect(create.parameters).toEqual([
      expect.objectContaining({ name: 'projectId', in: 'path', required: true, description: 'The project' }),
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    ]);
    expect(create.requestBody).toMatchObject({ content: { 'application/json': { schema: { type: 'object', required: ['name'], additionalProperties: false } } } });
    // 400: a body that is not JSON; 414: a path parameter over Fastify's maxParamLength; 431: over 16 KiB of headers
    expect(Object.keys(create.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '414', '422', '429', '431', '500', '501', '502', '503']);
    expect(create.responses['422']).toMatchObject({ content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  });

  it('documents a public route without security, body or 401', () => {
    const operation = document.paths['/api/v1/ping']?.get as { security: unknown[]; responses: Record<string, { content?: unknown }> };
    expect(operation.security).toEqual([]);
    expect(operation.responses['204']?.content).toBeUndefined();
    expect(Object.keys(operation.responses)).not.toContain('401');
    // no body to parse, no path parameter to be too long
    expect(Object.keys(operation.responses)).not.toContain('400');
    expect(Object.keys(operation.responses)).not.toContain('414');
    // any request can carry too many header bytes, and Node answers it in Fastify's shape
    expect(operation.responses['431']).toMatchObject({ content: { 'application/json': { schema: { required: ['error', 'message', 'statusCode'] } } } });
  });
});
