import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Clock } from '@zvonar/platform';
import type { Logger } from 'pino';
import { GATEWAY_CLOCK, IDEMPOTENCY_STORE } from '../gateway.di-tokens';
import type { PostgresIdempotencyStore } from './idempotency.store';

const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * Deletes expired idempotency keys now and then. Expiry is also checked on every claim, so the
 * sweep only keeps the table small; running it on several replicas at once is harmless.
 */
@Injectable()
export class IdempotencyKeysSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: PostgresIdempotencyStore,
    @Inject(GATEWAY_CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const purged = await this.store.purgeExpired(this.clock.now());
      if (purged > 0) this.logger.debug({ purged }, 'expired idempotency keys purged');
    } catch (error) {
      this.logger.warn({ err: error }, 'idempotency key sweep failed; retried at the next one');
    }
  }
}
