import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, PG_POOL, PostgresModule, SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import { identityV1, identityV1Package } from '@zvonar/proto-ts';
import type { Pool } from 'pg';
import { Authenticator } from './auth/authenticator';
import { CredentialsChangesListener } from './auth/credentials-changes.listener';
import { PrincipalCache } from './auth/principal-cache';
import { EdgeAdmission } from './auth/edge-admission';
import { EdgeGuard } from './auth/edge.guard';
import type { GatewayConfig } from './config/gateway.config';
import { GATEWAY_CLOCK, IDEMPOTENCY_STORE, IDENTITY_UPSTREAM, PRINCIPAL_CACHE } from './gateway.di-tokens';
import { ProblemFilter } from './http/problem.filter';
import { gatewayMigrations } from './idempotency/gateway.migrations';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyKeysSweeper } from './idempotency/idempotency-keys.sweeper';
import { PostgresIdempotencyStore } from './idempotency/idempotency.store';
import { RateLimiter } from './rate-limit/rate-limiter';
import { upstreamProvider } from './upstream/upstream';

export interface GatewayCoreOptions {
  /** A TestClock for specs of rate limits and key expiry; the platform's clock otherwise. */
  readonly clock?: Clock;
}

const principalCache = (config: GatewayConfig, clock: Clock): PrincipalCache =>
  new PrincipalCache({ ttlMs: config.AUTH_CACHE_TTL_MS, maxEntries: config.AUTH_CACHE_MAX_ENTRIES, now: () => clock.now().getTime() });

const exported = [IDENTITY_UPSTREAM, IDEMPOTENCY_STORE, GATEWAY_CLOCK, PRINCIPAL_CACHE, Authenticator, RateLimiter, EdgeAdmission, EdgeGuard, IdempotencyInterceptor, ProblemFilter];

/**
 * What every route module relies on, global so each of them only declares its controllers and its
 * own upstream: the identity client (authentication, with its principal cache and the listener of
 * identity's credential changes that keeps it honest), limits, idempotency keys in schema `gateway`,
 * the edge guard, the idempotency interceptor and the problem filter.
 */
@Global()
@Module({})
export class GatewayCoreModule {
  static register(options: GatewayCoreOptions = {}): DynamicModule {
    return {
      module: GatewayCoreModule,
      imports: [PostgresModule.forService({ schema: 'gateway', migrations: gatewayMigrations })],
      providers: [
        options.clock ? { provide: GATEWAY_CLOCK, useValue: options.clock } : { provide: GATEWAY_CLOCK, useExisting: CLOCK },
        upstreamProvider(IDENTITY_UPSTREAM, { name: 'identity', grpcPackage: identityV1Package, service: identityV1.IDENTITY_SERVICE_NAME }),
        { provide: IDEMPOTENCY_STORE, inject: [PG_POOL], useFactory: (pool: Pool) => new PostgresIdempotencyStore(pool) },
        IdempotencyKeysSweeper,
        { provide: PRINCIPAL_CACHE, inject: [SERVICE_CONFIG, GATEWAY_CLOCK], useFactory: principalCache },
        CredentialsChangesListener,
        Authenticator,
        RateLimiter,
        EdgeAdmission,
        EdgeGuard,
        IdempotencyInterceptor,
        ProblemFilter,
      ],
      exports: exported,
    };
  }
}
