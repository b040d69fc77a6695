import type { Type } from 'protobufjs';
import type { GrpcOnlyRpc, RouteDefinition, RouteRpc } from '../http/route';
import { protoRootOf } from '../rpc/proto-catalogue';

/** One RPC of the public gRPC API: where it goes and what the caller needs for it. */
export interface PublicRpc {
  /** The gRPC path a client calls: `/zvonar.projects.v1.ProjectsService/CreateProject`. */
  readonly path: string;
  /** The owning service's folder name (`call-control`), whose `<NAME>_GRPC_URL` it is forwarded to. */
  readonly upstream: string;
  /** The scope the credential must hold, as on the REST route of the same RPC. */
  readonly scope: string | undefined;
  readonly kind: 'unary' | 'server-stream';
  /** A REST route of it is not a GET: its calls take an `idempotency-key`. */
  readonly mutating: boolean;
  readonly requestType: Type;
  /** Request fields set from the authenticated caller, whatever the client sent in them. */
  readonly callerFields: readonly (readonly [field: string, from: 'accountId' | 'userId'])[];
}

interface Declaration {
  readonly rpc: RouteRpc;
  readonly scope: string | undefined;
  readonly mutating: boolean;
  /** Where it was declared, for boot errors. */
  readonly by: string;
}

const pathOf = ({ grpcPackage, service, method }: RouteRpc): string => `/${grpcPackage.package}.${service}/${method}`;

/**
 * The public gRPC API: the RPCs behind the authenticated REST routes (each with its route's scope)
 * plus the streams the route tables add for gRPC only. Nothing else is served, so an internal RPC
 * (projects' CheckProjectAccess, identity's Authenticate) is UNIMPLEMENTED to a partner. Public
 * REST routes (sign-up, sign-in) have no account to limit or authorize by and are left out. Two
 * routes of one RPC must agree on its scope; a contradiction, or an RPC that does not exist or
 * streams from the client, fails the boot naming it.
 */
export function publicRpcs(routes: readonly RouteDefinition[], grpcOnly: readonly GrpcOnlyRpc[]): PublicRpc[] {
  const declarations: Declaration[] = [
    ...routes
      .filter((route) => route.access === 'authenticated' && route.rpc !== undefined)
      .map((route) => ({ rpc: route.rpc as RouteRpc, scope: route.scope, mutating: route.method !== 'GET', by: `${route.method} ${route.path}` })),
    ...grpcOnly.map(({ rpc, scope }) => ({ rpc, scope, mutating: false, by: `gRPC-only ${rpc.method}` })),
  ];
  const byPath = new Map<string, PublicRpc>();
  for (const declaration of declarations) {
    const path = pathOf(declaration.rpc);
    const known = byPath.get(path);
    if (known) {
      if (known.scope !== declaration.scope) throw new Error(`${path}: ${declaration.by} asks for scope ${declaration.scope ?? '(none)'}, another route of it for ${known.scope ?? '(none)'}`);
      byPath.set(path, { ...known, mutating: known.mutating || declaration.mutating });
      continue;
    }
    byPath.set(path, resolve(declaration, path));
  }
  return [...byPath.values()];
}

function resolve({ rpc, scope, mutating, by }: Declaration, path: string): PublicRpc {
  const service = protoRootOf(rpc.grpcPackage).lookupService(`${rpc.grpcPackage.package}.${rpc.service}`);
  const method = service.methods[rpc.method];
  if (!method) throw new Error(`${by}: ${rpc.grpcPackage.package}.${rpc.service} has no rpc ${rpc.method}`);
  method.resolve();
  if (method.requestStream) throw new Error(`${path} streams from the client; the public gRPC API forwards unary and server-streaming RPCs`);
  const requestType = method.resolvedRequestType as Type;
  const callerFields = Object.entries(rpc.callerFields ?? {});
  for (const [field] of callerFields) if (!requestType.fields[field]) throw new Error(`${path}: ${requestType.name} has no field ${field}`);
  return { path, upstream: rpc.upstream, scope, kind: method.responseStream ? 'server-stream' : 'unary', mutating, requestType, callerFields };
}
