import type { GrpcPackage } from '@zvonar/proto-ts';
import { Enum, Type, type Field } from 'protobufjs';
import { z } from 'zod';
import { page, pageQuery } from '../http/paging';
import type { HttpMethod, ProblemStatus, RouteDefinition } from '../http/route';
import type { Caller } from '../upstream/call-context';
import { protoMethod, type ProtoMethod } from './proto-catalogue';
import { fromProto, itemSchema, messageSchema, toProto, enumNames, type Json } from './proto-json';

/**
 * One REST route over one unary RPC, declared in a line or two; its request and answer shapes,
 * validation and documentation come from the .proto. Path parameters (`:projectId`) fill the
 * request fields of the same name; GET and DELETE take the other scalar fields from the query,
 * and `?cursor=&limit=` for a `page` field; other verbs take them from the JSON body.
 */
export interface RpcRouteSpec {
  readonly method: HttpMethod;
  /** Full path in Nest syntax: `/api/v1/projects/:projectId`. */
  readonly path: string;
  /** The RPC's name in the service: `GetProject`. */
  readonly rpc: string;
  /** Default 201 for POSTs of Create…/Copy…/Add…/Invite…, 200 otherwise. */
  readonly status?: 200 | 201 | 202 | 204;
  /** Default: the RPC's comment in the .proto. */
  readonly summary?: string;
  readonly description?: string;
  /** Default: authenticated. */
  readonly access?: 'public' | 'authenticated';
  /** Answer with this field of the response (`project` of GetProjectResponse) instead of the whole message. */
  readonly answer?: string;
  /** A list: this repeated field of the response becomes `items`, its `page.nextPageToken` `nextCursor`. */
  readonly items?: string;
  readonly problems?: readonly ProblemStatus[];
  /** Default: the RPC's name in lowerCamelCase; set it when two routes share an RPC. */
  readonly operationId?: string;
  /** Default: `<group scope>.read` for GET, `<group scope>.write` otherwise. */
  readonly scope?: string;
  /** Request fields the gateway fills from the authenticated caller (and the client cannot set). */
  readonly callerFields?: Readonly<Record<string, keyof Pick<Caller, 'accountId' | 'userId'>>>;
}

export interface RpcGroup {
  /** The service's name in 503 details and the OpenAPI tag: `projects`. */
  readonly name: string;
  readonly grpcPackage: GrpcPackage;
  /** The proto service: `ProjectsService`. */
  readonly service: string;
  /** The scope family of the group's routes: `projects` → projects.read / projects.write. */
  readonly scope: string;
  readonly routes: readonly RpcRouteSpec[];
  /**
   * Streaming RPCs REST cannot carry, served by the public gRPC API only (with this scope). They
   * live here, beside the routes, so each service's public operations are listed once.
   */
  readonly grpcOnly?: readonly { readonly rpc: string; readonly scope: string }[];
}

/** A route ready to serve: its definition (routing, validation, docs) and how it calls the RPC. */
export interface RpcRoute {
  readonly definition: RouteDefinition;
  /** The client method to call: `getProject`. */
  readonly clientMethod: string;
  /** Validated route input (and the caller, for callerFields) → the RPC's request. */
  request(input: { params: unknown; query: unknown; body: unknown }, caller: Caller | undefined): Json;
  /** The RPC's response → the route's answer. */
  answer(response: Json): unknown;
}

const PAGE_REQUEST = 'zvonar.common.v1.PageRequest';
const typeName = (type: Type) => type.fullName.replace(/^\./, '');
const lowerFirst = (name: string) => `${name[0]?.toLowerCase() ?? ''}${name.slice(1)}`;

const fieldOf = (type: Type, name: string, rpc: string): Field => {
  const field = type.fields[name];
  if (!field) throw new Error(`${rpc}: ${typeName(type)} has no field ${name}`);
  return field;
};

const isPage = (field: Field) => field.resolvedType instanceof Type && typeName(field.resolvedType) === PAGE_REQUEST;

/** A query or path value (always text) → the field's type. */
function textSchema(field: Field): z.ZodType | undefined {
  const resolved = field.resolvedType;
  let single: z.ZodType | undefined;
  if (resolved instanceof Enum) single = z.enum([...enumNames(resolved).values()] as [string, ...string[]]);
  else if (resolved instanceof Type) single = undefined;
  else if (field.type === 'bool') single = z.enum(['true', 'false']).transform((value) => value === 'true');
  else if (field.type === 'string' || field.type === 'bytes') single = z.string().max(1000);
  else single = z.coerce.number().int();
  if (!single || field.map) return undefined;
  if (!field.repeated) return single;
  // ?tag=a&tag=b arrives as an array, ?tag=a as a string.
  return z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(single).max(100));
}

const described = (schema: z.ZodType, field: Field) => (field.comment ? schema.describe(field.comment) : schema);

function paramsSchema(method: ProtoMethod, names: readonly string[], rpc: string): z.ZodObject | undefined {
  if (names.length === 0) return undefined;
  const shape = Object.fromEntries(
    names.map((name) => {
      const field = fieldOf(method.request, name, rpc);
      const schema = textSchema(field);
      if (!schema || field.repeated) throw new Error(`${rpc}: path parameter ${name} must be a scalar field`);
      return [name, described(field.type === 'string' ? z.string().min(1).max(200) : schema, field)];
    }),
  );
  return z.strictObject(shape);
}

// A message-typed filter of a GET request (ListContacts.filter) is taken one level deep, as
// dotted query names: ?filter.status=active&filter.timeZone=Asia/Yekaterinburg.
const nested = (field: Field): Field[] =>
  field.resolvedType instanceof Type && !field.repeated && !field.map && !isTimestamp(field.resolvedType) ? field.resolvedType.fieldsArray : [];

const isTimestamp = (type: Type) => typeName(type) === 'google.protobuf.Timestamp';

function querySchema(method: ProtoMethod, skip: readonly string[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const field of method.request.fieldsArray) {
    if (skip.includes(field.name)) continue;
    if (isPage(field)) {
      Object.assign(shape, pageQuery);
      continue;
    }
    const schema = textSchema(field);
    if (schema) shape[field.name] = described(schema.optional(), field);
    for (const inner of nested(field)) {
      const innerSchema = textSchema(inner);
      if (innerSchema) shape[`${field.name}.${inner.name}`] = described(innerSchema.optional(), inner);
    }
  }
  return z.strictObject(shape);
}

/** `{'filter.status': 'active'}` → `{filter: {status: 'active'}}`. */
function unflatten(query: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const [outer, inner] = key.split('.', 2) as [string, string | undefined];
    if (inner === undefined) out[outer] = value;
    else out[outer] = { ...((out[outer] as Json | undefined) ?? {}), [inner]: value };
  }
  return out;
}

function answerSchema(method: ProtoMethod, spec: RpcRouteSpec): z.ZodType {
  if (spec.items) return page(itemSchema(fieldOf(method.response, spec.items, spec.rpc), 'response'));
  if (spec.answer) {
    const field = fieldOf(method.response, spec.answer, spec.rpc);
    return field.resolvedType instanceof Type ? messageSchema(field.resolvedType, 'response') : itemSchema(field, 'response');
  }
  return messageSchema(method.response, 'response');
}

const defaultStatus = (spec: RpcRouteSpec): 200 | 201 => (spec.method === 'POST' && /^(Create|Copy|Add|Invite)/.test(spec.rpc) ? 201 : 200);

/** Builds the route of `spec` in `group`; a spec that does not fit its RPC fails at startup, naming it. */
export function rpcRoute(group: RpcGroup, spec: RpcRouteSpec): RpcRoute {
  const method = protoMethod(group.grpcPackage, group.service, spec.rpc);
  const pathNames = [...spec.path.matchAll(/:(\w+)/g)].map((match) => match[1] as string);
  const callerFields = Object.entries(spec.callerFields ?? {});
  for (const [name] of callerFields) fieldOf(method.request, name, spec.rpc);
  const notFromClient = [...pathNames, ...callerFields.map(([name]) => name)];
  const inQuery = spec.method === 'GET' || spec.method === 'DELETE';
  const status = spec.status ?? defaultStatus(spec);
  const pageField = method.request.fieldsArray.find(isPage);
  const definition: RouteDefinition = {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId ?? lowerFirst(spec.rpc),
    tag: group.name,
    summary: spec.summary ?? method.method.comment ?? spec.rpc,
    ...(spec.description ? { description: spec.description } : {}),
    access: spec.access ?? 'authenticated',
    scope: spec.scope ?? `${group.scope}.${spec.method === 'GET' ? 'read' : 'write'}`,
    params: paramsSchema(method, pathNames, spec.rpc),
    query: inQuery ? querySchema(method, notFromClient) : undefined,
    body: inQuery ? undefined : messageSchema(method.request, 'request', { omit: notFromClient }),
    response: status === 204 ? undefined : answerSchema(method, spec),
    status,
    problems: spec.problems ?? [403, 404, 409],
    rpc: { upstream: group.name, grpcPackage: group.grpcPackage, service: group.service, method: spec.rpc, ...(spec.callerFields ? { callerFields: spec.callerFields } : {}) },
  };
  return {
    definition,
    clientMethod: lowerFirst(spec.rpc),
    request: ({ params, query, body }, caller) => {
      const { cursor, limit, ...filters } = (query ?? {}) as Json & { cursor?: string; limit?: number };
      const paging = inQuery && pageField ? { [pageField.name]: { pageToken: cursor ?? '', pageSize: limit ?? 0 } } : {};
      const fromCaller = Object.fromEntries(callerFields.map(([name, from]) => [name, caller?.[from] ?? '']));
      return { ...toProto({ ...(body as Json | undefined), ...unflatten(filters), ...(params as Json | undefined), ...fromCaller }, method.request), ...paging };
    },
    answer: (response) => {
      const json = fromProto(response, method.response);
      if (status === 204) return undefined;
      if (spec.items) {
        const pageInfo = json.page as { nextPageToken?: string } | null | undefined;
        return { items: json[spec.items], nextCursor: pageInfo?.nextPageToken ? pageInfo.nextPageToken : null };
      }
      return spec.answer ? json[spec.answer] : json;
    },
  };
}
