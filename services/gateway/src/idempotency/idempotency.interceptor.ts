import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { LOGGER, negotiateLanguage, SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { GatewayConfig } from '../config/gateway.config';
import { GATEWAY_CLOCK, IDEMPOTENCY_STORE } from '../gateway.di-tokens';
import { gatewayMessages, say } from '../http/gateway-messages';
import { requestHeader, type GatewayRequest } from '../http/gateway-request';
import { GatewayProblem } from '../http/problem';
import { ROUTE_DEFINITION, type RouteDefinition } from '../http/route';
import type { IdempotencyRequest, PostgresIdempotencyStore } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer replayed from a stored Idempotency-Key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** 1–255 printable ASCII characters. */
export const VALID_IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on the POST routes of a signed-in caller, keys scoped per account: the first
 * request runs and its successful answer is stored; a retry with the same key and request gets
 * that answer again (without running it); the same key with another request is 422; a retry while
 * the first still runs is 409. A request that fails releases its key, so retrying it is safe.
 * Public POSTs (registration, sign-in) have no account to scope a key by and ignore it: they are
 * idempotent by design or issue fresh credentials each time.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_STORE) private readonly store: PostgresIdempotencyStore,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<RouteDefinition | undefined>(ROUTE_DEFINITION, context.getHandler());
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const key = requestHeader(request, IDEMPOTENCY_KEY_HEADER);
    const accountId = request.gatewayContext?.caller?.accountId;
    if (route?.method !== 'POST' || key === undefined || accountId === undefined) return next.handle();
    const language = negotiateLanguage(request.headers['accept-language']);
    if (!VALID_IDEMPOTENCY_KEY.test(key))
      throw new GatewayProblem(422, 'INVALID_IDEMPOTENCY_KEY', say(gatewayMessages.idempotencyKeyInvalid, language), [
        { field: 'Idempotency-Key', code: 'INVALID_FORMAT', message: say(gatewayMessages.idempotencyKeyInvalid, language) },
      ]);
    const claimFor: IdempotencyRequest = { accountId, key, fingerprint: requestFingerprint(request.method, request.url, request.body) };
    const times = { now: this.clock.now(), ttlMs: this.config.IDEMPOTENCY_TTL_MS, inFlightTimeoutMs: this.config.IDEMPOTENCY_IN_FLIGHT_TIMEOUT_MS };
    return from(this.store.claim(claimFor, times)).pipe(
      mergeMap((claim) => {
        switch (claim.outcome) {
          case 'claimed':
            return this.runAndRecord(claimFor, route.status, next);
          case 'replay':
            void context.switchToHttp().getResponse<FastifyReply>().header(IDEMPOTENT_REPLAYED_HEADER, 'true');
            return of(claim.body ?? undefined);
          case 'mismatch':
            throw new GatewayProblem(422, 'IDEMPOTENCY_KEY_REUSED', say(gatewayMessages.idempotencyKeyReused, language));
          case 'in-flight':
            throw new GatewayProblem(409, 'IDEMPOTENCY_KEY_IN_FLIGHT', say(gatewayMessages.idempotencyKeyInFlight, language), [], { 'retry-after': '1' });
        }
      }),
    );
  }

  private runAndRecord(claim: IdempotencyRequest, status: number, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        // The operation happened: a failure to record it must not turn its success into an error.
        // The claim then lapses after the in-flight timeout instead of being replayed.
        await this.store.complete(claim, status, body).catch((error: unknown) => this.logger.error({ err: error, key: claim.key }, 'could not record an idempotent answer'));
        return body;
      }),
      catchError((error: unknown) =>
        from(this.store.release(claim).catch((releaseError: unknown) => this.logger.error({ err: releaseError, key: claim.key }, 'could not release an idempotency key'))).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
    );
  }
}
