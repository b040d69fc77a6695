import { protoRoot, type GrpcPackage } from '@zvonar/proto-ts';
import path from 'node:path';
import { Root, type Method, type Service, type Type } from 'protobufjs';

const roots = new Map<string, Root>();

/**
 * The .proto sources of a package, loaded with their comments: the same files Nest's gRPC client
 * loads, so the REST shape derived from them is exactly what travels. Cached per package.
 */
export function protoRootOf(grpcPackage: GrpcPackage): Root {
  const cached = roots.get(grpcPackage.package);
  if (cached) return cached;
  const root = new Root();
  root.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(protoRoot, target));
  root.loadSync([...grpcPackage.protoPaths], { keepCase: false, alternateCommentMode: true });
  root.resolveAll();
  roots.set(grpcPackage.package, root);
  return root;
}

/** A service's method with its resolved request and response types. */
export interface ProtoMethod {
  readonly service: Service;
  readonly method: Method;
  readonly request: Type;
  readonly response: Type;
}

export function protoMethod(grpcPackage: GrpcPackage, serviceName: string, rpc: string): ProtoMethod {
  const service = protoRootOf(grpcPackage).lookupService(`${grpcPackage.package}.${serviceName}`);
  const method = service.methods[rpc];
  if (!method) throw new Error(`${grpcPackage.package}.${serviceName} has no rpc ${rpc}`);
  method.resolve();
  if (method.responseStream || method.requestStream) throw new Error(`${rpc} streams; REST routes map unary RPCs only`);
  return { service, method, request: method.resolvedRequestType as Type, response: method.resolvedResponseType as Type };
}
