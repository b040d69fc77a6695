import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, SERVICE_CONFIG, type Clock, type Language } from '@zvonar/platform';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway.config';
import { GATEWAY_CLOCK, IDEMPOTENCY_STORE } from '../gateway.di-tokens';
import { gatewayMessages, say } from '../http/gateway-messages';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, VALID_IDEMPOTENCY_KEY } from '../idempotency/idempotency.interceptor';
import type { IdempotencyRequest, PostgresIdempotencyStore } from '../idempotency/idempotency.store';
import { requestFingerprint } from '../idempotency/request-fingerprint';
import { GatewayGrpcStatus } from './grpc-status';
import type { PublicRpc } from './public-rpcs';

export interface UnaryAnswer {
  readonly message: Buffer;
  readonly trailers: Metadata;
}

/** What a completed gRPC call leaves in the key's row (the REST answers keep their JSON there). */
interface StoredAnswer {
  readonly grpcMessage: string;
}

/**
 * `idempotency-key` metadata on the mutating unary RPCs (those whose REST route is not a GET),
 * with the REST API's store and rules: keys per account, the first call runs and its answer is
 * replayed to retries (trailer `idempotent-replayed: true`), the same key with another request is
 * INVALID_ARGUMENT `IDEMPOTENCY_KEY_REUSED`, a retry while the first runs ABORTED
 * `IDEMPOTENCY_KEY_IN_FLIGHT`, and a failed call releases its key. The fingerprint is the method
 * and the request bytes, so a REST request never replays a gRPC answer under the same key.
 */
@Injectable()
export class GrpcIdempotency {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: PostgresIdempotencyStore,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run(rpc: PublicRpc, metadata: Metadata, accountId: string, request: Buffer, language: Language, call: () => Promise<UnaryAnswer>): Promise<UnaryAnswer> {
    const [key] = metadata.get(IDEMPOTENCY_KEY_HEADER);
    if (!rpc.mutating || key === undefined) return call();
    if (typeof key !== 'string' || !VALID_IDEMPOTENCY_KEY.test(key)) {
      const message = say(gatewayMessages.idempotencyKeyInvalid, language);
      throw new GatewayGrpcStatus(GrpcStatus.INVALID_ARGUMENT, message, 'INVALID_IDEMPOTENCY_KEY', [{ field: IDEMPOTENCY_KEY_HEADER, code: 'INVALID_FORMAT', message }]);
    }
    const claimFor: IdempotencyRequest = { accountId, key, fingerprint: requestFingerprint('GRPC', rpc.path, request) };
    const times = { now: this.clock.now(), ttlMs: this.config.IDEMPOTENCY_TTL_MS, inFlightTimeoutMs: this.config.IDEMPOTENCY_IN_FLIGHT_TIMEOUT_MS };
    const claim = await this.store.claim(claimFor, times);
    switch (claim.outcome) {
      case 'claimed':
        return this.runAndRecord(claimFor, call);
      case 'replay': {
        const trailers = new Metadata();
        trailers.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return { message: Buffer.from((claim.body as StoredAnswer).grpcMessage, 'base64'), trailers };
      }
      case 'mismatch':
        throw new GatewayGrpcStatus(GrpcStatus.INVALID_ARGUMENT, say(gatewayMessages.idempotencyKeyReused, language), 'IDEMPOTENCY_KEY_REUSED');
      case 'in-flight': {
        const status = new GatewayGrpcStatus(GrpcStatus.ABORTED, say(gatewayMessages.idempotencyKeyInFlight, language), 'IDEMPOTENCY_KEY_IN_FLIGHT');
        status.metadata.set('retry-after', '1');
        throw status;
      }
    }
  }

  private async runAndRecord(claim: IdempotencyRequest, call: () => Promise<UnaryAnswer>): Promise<UnaryAnswer> {
    let answer: UnaryAnswer;
    try {
      answer = await call();
    } catch (error) {
      // Nothing happened, so the retry must run.
      await this.store.release(claim).catch((releaseError: unknown) => this.logger.error({ err: releaseError, key: claim.key }, 'could not release an idempotency key'));
      throw error;
    }
    // The operation happened: failing to record it must not turn its success into an error.
    const stored: StoredAnswer = { grpcMessage: answer.message.toString('base64') };
    await this.store.complete(claim, GrpcStatus.OK, stored).catch((error: unknown) => this.logger.error({ err: error, key: claim.key }, 'could not record an idempotent answer'));
    return answer;
  }
}
