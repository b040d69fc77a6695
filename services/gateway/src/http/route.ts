import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put, SetMetadata } from '@nestjs/common';
import type { GrpcPackage } from '@zvonar/proto-ts';
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Problem statuses a route can answer besides the ones every route shares (401, 429, 503...). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 501;

/**
 * One REST operation, declared once: Nest routes it, the input decorator validates against it and
 * the OpenAPI document is generated from it, so the documentation cannot drift from what runs.
 */
export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly method: HttpMethod;
  /** Full path in Nest syntax: `/api/v1/scenarios/:scenarioId`. */
  readonly path: string;
  /** OpenAPI operationId: unique, camelCase. */
  readonly operationId: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** public: no credential needed (registration, sign-in); otherwise a bearer token or an API key. */
  readonly access: 'public' | 'authenticated';
  /**
   * The scope the credential must hold ("campaigns.write"). An access token holds every scope; an
   * API key only those it was created with. Absent: any authenticated caller (identity's own routes).
   */
  readonly scope?: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Response body schema; absent for 202/204 answers without a body. */
  readonly response?: R;
  readonly status: 200 | 201 | 202 | 204;
  /** Problems specific to this route (the shared ones are added by the document builder). */
  readonly problems?: readonly ProblemStatus[];
  /** Only in the embedded (all-in-one) deployment: absent from the document and 404 otherwise. */
  readonly embeddedOnly?: boolean;
  /** A raw (non-JSON) body such as a file upload: the content types taken and the size documented. */
  readonly rawBody?: { readonly contentTypes: readonly string[]; readonly maxBytes: number };
  /** A file answered instead of JSON (a CSV download): its content type, documented as such. */
  readonly rawResponse?: { readonly contentType: string };
  /** The RPC behind the route, when the public gRPC API should serve it too. */
  readonly rpc?: RouteRpc;
}

/**
 * The RPC a route calls. The public gRPC API serves exactly the RPCs the REST routes declare here
 * (with the route's scope), so the two APIs cannot drift apart: a route without it has no gRPC twin.
 */
export interface RouteRpc {
  /** The owning service's folder name (`call-control`): its address is `<NAME>_GRPC_URL`. */
  readonly upstream: string;
  readonly grpcPackage: GrpcPackage;
  /** The proto service: `ProjectsService`. */
  readonly service: string;
  /** The RPC: `CreateProject`. */
  readonly method: string;
  /** Request fields the gateway fills from the authenticated caller; a client's value is overwritten. */
  readonly callerFields?: Readonly<Record<string, 'accountId' | 'userId'>>;
}

/** Metadata key under which a handler's RouteDefinition is stored. */
export const ROUTE_DEFINITION = 'zvonar:gateway:route';

/** A streaming RPC the public gRPC API serves although no REST route can (see RpcGroup.grpcOnly). */
export interface GrpcOnlyRpc {
  readonly rpc: RouteRpc;
  readonly scope: string;
}

/** Metadata key under which a controller class lists its GrpcOnlyRpc. */
export const GRPC_ONLY_RPCS = 'zvonar:gateway:grpc-only-rpcs';

export const defineRoute = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  definition: RouteDefinition<P, Q, B, R>,
): RouteDefinition<P, Q, B, R> => definition;

const verbs = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;

/** Routes a controller method by its definition: verb, path, status and the metadata the rest reads. */
export const Endpoint = (definition: RouteDefinition): MethodDecorator =>
  applyDecorators(
    verbs[definition.method](definition.path),
    HttpCode(definition.status),
    SetMetadata(ROUTE_DEFINITION, definition),
  );

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the validated path parameters, query and body of its route. */
export type RouteInput<D> =
  D extends RouteDefinition<infer P, infer Q, infer B> ? { params: Output<P>; query: Output<Q>; body: Output<B> } : never;

/** What a handler returns: the route's documented response. */
export type RouteOutput<D> = D extends RouteDefinition<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.input<R> : never;
