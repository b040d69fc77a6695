import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ROUTE_DEFINITION, type RouteDefinition } from '../http/route';

/** Every RouteDefinition of the controllers this app serves, found where Nest routed them. */
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
}
