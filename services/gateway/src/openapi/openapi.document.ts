import { z } from 'zod';
import type { ProblemStatus, RouteDefinition } from '../http/route';

type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description: string;
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** Nest path syntax → OpenAPI's: `/scenarios/:scenarioId` → `/scenarios/{scenarioId}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const problemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  properties: {
    type: { type: 'string', description: 'URI naming the problem type (urn:zvonar:problem:...)' },
    title: { type: 'string', description: 'Summary of the problem type, in the language asked for' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'What went wrong this time, in the language asked for' },
    instance: { type: 'string', description: 'The request path, or urn:zvonar:error:<id> for an internal error' },
    code: { type: 'string', description: 'Stable machine-readable code (INVALID_REQUEST, RATE_LIMITED, ...)' },
    dependency: { type: 'string', description: 'For 502/503: the service behind the gateway that is down or failed' },
    errors: {
      type: 'array',
      description: 'One entry per invalid field',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: { field: { type: 'string', description: 'Dot path of the field ("contact.phone")' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

/**
 * Node's HTTP parser refuses a request line plus headers over 16 KiB (a long query string, say)
 * before any of our code runs; Fastify's client-error handler answers it in its own JSON shape.
 */
const headersTooLargeResponse = {
  description: 'The request line and headers are over 16 KiB (answered by the HTTP server itself, not as a problem document)',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error', 'message', 'statusCode'],
        properties: { error: { type: 'string' }, message: { type: 'string' }, statusCode: { type: 'integer', enum: [431] } },
      },
    },
  },
};

const problemDescriptions: Record<number, string> = {
  400: 'The body is not valid JSON',
  401: 'No credential, or an invalid, expired or revoked one',
  403: 'The credential may not do this',
  404: 'Not found (or not visible to this account)',
  409: 'Conflicts with the current state, or the Idempotency-Key is still in flight',
  413: 'The request body is too large',
  414: 'A path parameter is longer than the server reads (100 characters)',
  415: 'Unsupported Content-Type',
  422: 'Invalid input (see errors[]), or an Idempotency-Key reused with another request',
  429: 'Too many requests (see Retry-After)',
  500: 'Unexpected error (the instance names its error id)',
  501: 'The service behind this route does not implement it yet',
  502: 'A service behind the gateway failed',
  503: 'A service behind the gateway is unavailable (dependency names it)',
};

const problemResponse = (status: number) => ({
  description: problemDescriptions[status] ?? 'Problem',
  ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } } } : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

function operationOf(route: RouteDefinition): JsonSchema {
  const idempotent = route.method === 'POST' && route.access === 'authenticated';
  const parameters = [
    ...parametersOf(route.params, 'path'),
    ...parametersOf(route.query, 'query'),
    ...(idempotent
      ? [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'Retry-safe key (1–255 printable characters), scoped to the account, kept 24 h', schema: { type: 'string', minLength: 1, maxLength: 255 } }]
      : []),
  ];
  const requestBody = route.rawBody
    ? {
        required: true,
        content: Object.fromEntries(route.rawBody.contentTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type, maxLength: route.rawBody?.maxBytes } }])),
      }
    : route.body
      ? { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } }
      : undefined;
  const success = {
    description: route.summary,
    ...(route.response ? { content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } } : {}),
    ...(route.rawResponse ? { content: { [route.rawResponse.contentType]: { schema: { type: 'string', contentMediaType: route.rawResponse.contentType } } } } : {}),
    ...(idempotent ? { headers: { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] }, description: 'Present on a replayed answer' } } } : {}),
  };
  const problems = new Set<ProblemStatus | 401 | 414 | 500 | 501 | 502 | 503>([
    ...(route.problems ?? []),
    // Fastify answers these before the route runs: a JSON body it cannot parse, a path segment
    // over its maxParamLength (no id of ours comes near it).
    ...(route.body ? [400 as const] : []),
    ...(route.params ? [414 as const] : []),
    ...(route.access === 'authenticated' ? [401 as const] : []),
    ...(route.scope ? [403 as const] : []),
    ...(route.params || route.query || route.body ? [422 as const] : []),
    ...(idempotent ? [409 as const, 422 as const] : []),
    429,
    500,
    501,
    502,
    503,
  ]);
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    security: route.access === 'public' ? [] : [{ bearer: [] }, { apiKey: route.scope ? [route.scope] : [] }],
    ...(route.scope ? { 'x-required-scope': route.scope } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(route.status)]: success,
      ...Object.fromEntries([...problems].sort().map((status) => [String(status), problemResponse(status)])),
      '431': headersTooLargeResponse,
    },
  };
}

/** The OpenAPI 3.1 document of `routes`: every operation with its inputs, answer and problems. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], info: OpenApiInfo): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operationOf(route);
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((route) => route.tag))].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token from /api/v1/auth/login' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'A partner API key (zk_...)' },
      },
    },
  };
}
