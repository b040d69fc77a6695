import { Injectable } from '@nestjs/common';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { Take } from '../rate-limit/token-buckets';
import type { Caller, CallContext } from '../upstream/call-context';
import { Authenticator } from './authenticator';
import type { Credential } from './credential';

/** Why the edge turned a call away, before any service saw it; each API words it its own way. */
export type EdgeRefusal =
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'credential-required' }
  | { readonly kind: 'scope-missing'; readonly scope: string };

export class EdgeRefused extends Error {
  constructor(readonly refusal: EdgeRefusal) {
    super(`refused at the edge: ${refusal.kind}`);
    this.name = 'EdgeRefused';
  }
}

/**
 * The checks every call passes at the edge, whichever API it came through (REST or the public
 * gRPC port), so both hold the same limits and scopes: the per-IP bucket first (floods of bad
 * credentials are cut before they reach identity), then the credential through identity's
 * Authenticate, the per-account bucket and the operation's scope. An API key acts only within the
 * scopes it was created with; project membership and roles are the services' to check.
 */
@Injectable()
export class EdgeAdmission {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly limiter: RateLimiter,
  ) {}

  admitClient(clientIp: string): void {
    refuseWhenLimited(this.limiter.takeForIp(clientIp));
  }

  /** The caller behind `credential`; identity's refusal (UNAUTHENTICATED) propagates as its UpstreamFailure. */
  async admitCaller(credential: Credential | undefined, context: CallContext, scope: string | undefined): Promise<Caller> {
    if (!credential) throw new EdgeRefused({ kind: 'credential-required' });
    const caller = await this.authenticator.authenticate(credential, context);
    refuseWhenLimited(this.limiter.takeForAccount(caller.accountId));
    if (scope && !caller.scopes.includes(scope)) throw new EdgeRefused({ kind: 'scope-missing', scope });
    return caller;
  }
}

function refuseWhenLimited(take: Take): void {
  if (take.allowed) return;
  throw new EdgeRefused({ kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(take.retryAfterMs / 1000)) });
}
