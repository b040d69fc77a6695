import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { GrpcPackage } from '@zvonar/proto-ts';
import type { z } from 'zod';

/**
 * Everything the platform needs to run one service, in its distributed process or hosted
 * in the all-in-one process. A service exports one of these from its package index; its
 * main.ts hands it to bootstrapService.
 */
export interface ServiceDefinition<S extends z.ZodObject = z.ZodObject> {
  /** Folder name under services/ ("campaigns"); also the log and trace service name. */
  readonly name: string;
  readonly version?: string;
  /** The service's composition root. It can inject SERVICE_CONFIG, LOGGER, CLOCK, ID_GENERATOR, Readiness, InFlightWork. */
  readonly module: Type<unknown> | DynamicModule;
  /** The service's own variables; merged over the platform's (LOG_LEVEL, HTTP_PORT, GRPC_PORT...). */
  readonly configSchema?: S;
  /** Proto packages the service serves; zvonar.platform.v1 (StatusService) is always added. */
  readonly grpc?: { readonly packages: readonly GrpcPackage[] };
  /**
   * Adjusts the HTTP side before it listens: Fastify hooks, content-type parsers, plugins. Fastify
   * refuses them once it has booted, so this is the only place for them.
   */
  readonly configureHttp?: (app: NestFastifyApplication) => void | Promise<void>;
}
