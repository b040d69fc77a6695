import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type Clock } from '@zvonar/platform';
import { GATEWAY_CLOCK } from '../gateway.di-tokens';
import type { GatewayConfig } from '../config/gateway.config';
import { perMinute, TokenBuckets, type Take } from './token-buckets';

/**
 * Request rate limits per client IP and per account, as token buckets in this process's memory.
 * Why memory and not PostgreSQL: a limit is checked on every request, and a database round trip
 * there would cost more than most requests it guards. The price: with N gateway replicas a client
 * can get up to N times the limit (less with a load balancer spreading it evenly), which is what
 * these limits are for — stopping floods and runaway scripts, not metering. Quotas that must hold
 * exactly (money, calls) are enforced by the services that own them.
 */
@Injectable()
export class RateLimiter {
  private readonly perIp: TokenBuckets;
  private readonly perAccount: TokenBuckets;

  constructor(@Inject(SERVICE_CONFIG) config: GatewayConfig, @Inject(GATEWAY_CLOCK) private readonly clock: Clock) {
    this.perIp = new TokenBuckets(perMinute(config.RATE_LIMIT_PER_IP_PER_MINUTE));
    this.perAccount = new TokenBuckets(perMinute(config.RATE_LIMIT_PER_ACCOUNT_PER_MINUTE));
  }

  takeForIp(ip: string): Take {
    return this.perIp.take(ip, this.clock.now().getTime());
  }

  takeForAccount(accountId: string): Take {
    return this.perAccount.take(accountId, this.clock.now().getTime());
  }
}
