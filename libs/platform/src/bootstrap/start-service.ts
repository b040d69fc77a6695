import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { platformV1Package } from '@zvonar/proto-ts';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { PlatformConfig } from '../config/platform.config';
import { PlatformExceptionFilter } from '../errors/platform.exception-filter';
import { grpcTransportOptions } from '../grpc/grpc.options';
import { freePort } from '../grpc/free-port';
import { Readiness } from '../health/readiness';
import { frameworkProblem } from '../http/framework-errors';
import { drainAndClose } from '../lifecycle/graceful-shutdown';
import { NulCharacterInterceptor } from '../input/nul-character.interceptor';
import { InFlightInterceptor } from '../lifecycle/in-flight.interceptor';
import { InFlightWork } from '../lifecycle/in-flight-work';
import { createLogger } from '../logging/logger';
import { PinoNestLogger } from '../logging/pino.nest-logger';
import { PlatformCoreModule } from './platform-core.module';
import { loadServiceConfig, type Env } from './service-config';
import type { ServiceDefinition } from './service-definition';

/** A started service: where it listens and how to stop it. */
export interface RunningService {
  readonly name: string;
  /** `http://host:port` */
  readonly httpUrl: string;
  /** `host:port` */
  readonly grpcUrl: string;
  readonly config: PlatformConfig;
  readonly logger: Logger;
  readonly readiness: Readiness;
  readonly inFlight: InFlightWork;
  readonly app: NestFastifyApplication;
  /** Drains (readiness false, refuse new work, wait for in-flight work) and closes. True if all work finished. */
  shutdown(): Promise<boolean>;
}

/**
 * Starts one service as a hybrid Nest app: Fastify for HTTP (probes, REST) and a gRPC server
 * for its proto packages plus StatusService. Throws ConfigError before anything listens when the
 * environment is wrong. Does not touch signals or exit: bootstrapService and the all-in-one host
 * own the process; tests call this directly.
 */
export async function startService(definition: ServiceDefinition, env: Env = process.env): Promise<RunningService> {
  const config = loadServiceConfig(definition, env);
  const logger = createLogger({ service: definition.name, level: config.LOG_LEVEL });
  const readiness = new Readiness();
  const inFlight = new InFlightWork();
  const info = { name: definition.name, version: definition.version ?? '0.0.0', startedAt: new Date() };

  @Module({
    imports: [
      PlatformCoreModule.forService({ info, config, logger, readiness, inFlight }),
      definition.module as DynamicModule,
    ],
  })
  class ServiceRootModule {}

  // Close is called only after in-flight work drained (or its time ran out), so any connection
  // still open then is idle keep-alive or abandoned work: closing must not wait for it.
  const adapter = new FastifyAdapter({
    forceCloseConnections: true,
    // Written to the raw response: the option's parameter types are generic over Nest's own copy
    // of Fastify, which the root package's types do not match.
    frameworkErrors: (error: Error & { statusCode?: number; code?: string }, request: { url: string; headers: IncomingHttpHeaders }, reply: { raw: ServerResponse }) => {
      const { status, body } = frameworkProblem(error, request.url, request.headers['accept-language']);
      reply.raw.writeHead(status, { 'content-type': 'application/problem+json' });
      reply.raw.end(body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ServiceRootModule, adapter, {
    logger: new PinoNestLogger(logger),
    // Throw instead of exiting on a wiring error, so the caller (bootstrap, host, test) decides.
    abortOnError: false,
  });
  // Registered on the app and inherited by the gRPC server (inheritAppConfig below).
  app.useGlobalFilters(new PlatformExceptionFilter(logger));
  app.useGlobalInterceptors(new InFlightInterceptor(inFlight, app.get(Reflector)), new NulCharacterInterceptor());

  const grpcPort = config.GRPC_PORT === 0 ? await freePort(config.GRPC_HOST) : config.GRPC_PORT;
  const grpcUrl = `${config.GRPC_HOST}:${grpcPort}`;
  app.connectMicroservice(grpcTransportOptions(grpcUrl, [platformV1Package, ...(definition.grpc?.packages ?? [])]), {
    inheritAppConfig: true,
  });

  try {
    await definition.configureHttp?.(app);
    await app.startAllMicroservices();
    await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  } catch (error) {
    // A failed hook or a port already taken must not leave the other server (or the pools) open behind it.
    await app.close().catch(() => undefined);
    throw error;
  }
  const { port: httpPort } = app.getHttpServer().address() as AddressInfo;
  readiness.markServing();
  logger.info({ http: httpPort, grpc: grpcPort }, 'service started');

  let stopping: Promise<boolean> | undefined;
  return {
    name: definition.name,
    httpUrl: `http://${config.HTTP_HOST === '0.0.0.0' ? '127.0.0.1' : config.HTTP_HOST}:${httpPort}`,
    grpcUrl,
    config,
    logger,
    readiness,
    inFlight,
    app,
    shutdown: () =>
      (stopping ??= drainAndClose({
        readiness,
        inFlight,
        delayMs: config.SHUTDOWN_DELAY_MS,
        timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
        close: async () => {
          await app.close();
          logger.flush();
        },
        logger,
      })),
  };
}
