import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { negotiateLanguage, SERVICE_CONFIG, type Language } from '@zvonar/platform';
import type { GatewayConfig } from '../config/gateway.config';
import { gatewayMessages, say } from '../http/gateway-messages';
import { anonymousContext, type GatewayRequest } from '../http/gateway-request';
import { GatewayProblem } from '../http/problem';
import { ROUTE_DEFINITION, type RouteDefinition } from '../http/route';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { Take } from '../rate-limit/token-buckets';
import { Authenticator } from './authenticator';
import { credentialOf } from './credential';

/**
 * What every REST request passes before its handler, in this order: the per-IP limit (so floods of
 * bad credentials are cut before they reach identity), authentication (unless the route is public),
 * the per-account limit, and the route's scope (an API key acts only within the scopes it was
 * created with; project membership and roles are the services' to check). It leaves the call context on the request for the handler.
 */
@Injectable()
export class EdgeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly limiter: RateLimiter,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const route = this.reflector.get<RouteDefinition | undefined>(ROUTE_DEFINITION, context.getHandler());
    const language = negotiateLanguage(request.headers['accept-language']);
    const anonymous = anonymousContext(request, this.config.TRUST_PROXY);
    refuseWhenLimited(this.limiter.takeForIp(anonymous.clientIp), language);
    if (route?.access === 'public') {
      request.gatewayContext = anonymous;
      return true;
    }
    const credential = credentialOf(request);
    if (!credential) throw new GatewayProblem(401, 'CREDENTIAL_REQUIRED', say(gatewayMessages.credentialRequired, language), [], { 'www-authenticate': 'Bearer' });
    const caller = await this.authenticator.authenticate(credential, anonymous);
    refuseWhenLimited(this.limiter.takeForAccount(caller.accountId), language);
    if (route?.scope && !caller.scopes.includes(route.scope))
      throw new GatewayProblem(403, 'SCOPE_MISSING', `${say(gatewayMessages.scopeMissing, language)}: ${route.scope}`);
    request.gatewayContext = { ...anonymous, caller, accessToken: credential.kind === 'access-token' ? credential.token : undefined };
    return true;
  }
}

function refuseWhenLimited(take: Take, language: Language): void {
  if (take.allowed) return;
  const seconds = Math.max(1, Math.ceil(take.retryAfterMs / 1000));
  throw new GatewayProblem(429, 'RATE_LIMITED', say(gatewayMessages.tooManyRequests, language), [], { 'retry-after': String(seconds) });
}
