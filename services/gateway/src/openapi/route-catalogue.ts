import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { GRPC_ONLY_RPCS, ROUTE_DEFINITION, type GrpcOnlyRpc, type RouteDefinition } from '../http/route';

/**
 * Every RouteDefinition of the controllers this app serves, found where Nest routed them (and the
 * streaming RPCs their groups add for the public gRPC API).
 */
@Injectable()
export class RouteCatalogue {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  routes(): RouteDefinition[] {
    return this.discovery.getControllers().flatMap((wrapper) => {
      const prototype = (wrapper.metatype as { prototype?: object } | undefined)?.prototype;
      if (!prototype) return [];
      return this.scanner
        .getAllMethodNames(prototype)
        .map((name) => Reflect.getMetadata(ROUTE_DEFINITION, (prototype as Record<string, unknown>)[name] as object) as RouteDefinition | undefined)
        .filter((route): route is RouteDefinition => route !== undefined);
    });
  }

  /** The streaming RPCs the routed controllers declare for the public gRPC API only. */
  grpcOnlyRpcs(): GrpcOnlyRpc[] {
    return this.discovery
      .getControllers()
      .flatMap((wrapper) => (wrapper.metatype ? ((Reflect.getMetadata(GRPC_ONLY_RPCS, wrapper.metatype) as GrpcOnlyRpc[] | undefined) ?? []) : []));
  }
}
