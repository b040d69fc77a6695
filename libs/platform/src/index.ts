// Public API of @zvonar/platform. Tracing is started from the light entry
// @zvonar/platform/telemetry (see telemetry/index.ts), never from here: importing this index
// loads NestJS, Fastify and pg.
export * from './config/config.error';
export * from './config/load-config';
export * from './config/env.schemas';
export * from './config/platform.config';
export * from './logging/logger';
export * from './logging/pino.nest-logger';
export * from './telemetry/index';
export * from './health/readiness';
export * from './health/not-work.decorator';
export * from './lifecycle/in-flight-work';
export * from './lifecycle/service-draining.error';
export * from './lifecycle/graceful-shutdown';
export * from './lifecycle/shutdown-signals';
export * from './errors/error-classification';
export * from './errors/platform.exception-filter';
export * from './grpc/grpc.exception-filter';
export * from './grpc/grpc.options';
export * from './grpc/grpc.client';
export * from './grpc/free-port';
export * from './http/problem-json.exception-filter';
export * from './http/problem-titles';
export * from './postgres/create-pool';
export * from './postgres/run-migrations';
export * from './postgres/postgres.module';
export * from './ports/clock';
export * from './ports/id-generator';
export * from './platform.di-tokens';
export * from './bootstrap/service-definition';
export * from './bootstrap/service-info';
export * from './bootstrap/service-config';
export * from './bootstrap/start-service';
export * from './bootstrap/bootstrap-service';
export * from './bootstrap/host-services';
export * from './bootstrap/service-addresses';
export * from './status/platform-status.service';
