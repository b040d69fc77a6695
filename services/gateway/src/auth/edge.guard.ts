import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { negotiateLanguage, SERVICE_CONFIG, type Language } from '@zvonar/platform';
import type { GatewayConfig } from '../config/gateway.config';
import { gatewayMessages, say } from '../http/gateway-messages';
import { anonymousContext, type GatewayRequest } from '../http/gateway-request';
import { GatewayProblem } from '../http/problem';
import { ROUTE_DEFINITION, type RouteDefinition } from '../http/route';
import { credentialOf } from './credential';
import { EdgeAdmission, EdgeRefused, type EdgeRefusal } from './edge-admission';

/**
 * What every REST request passes before its handler (EdgeAdmission: the per-IP limit, then, unless
 * the route is public, authentication, the per-account limit and the route's scope), answered as
 * problems. It leaves the call context on the request for the handler.
 */
@Injectable()
export class EdgeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly admission: EdgeAdmission,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const route = this.reflector.get<RouteDefinition | undefined>(ROUTE_DEFINITION, context.getHandler());
    const language = negotiateLanguage(request.headers['accept-language']);
    const anonymous = anonymousContext(request, this.config.TRUST_PROXY);
    try {
      this.admission.admitClient(anonymous.clientIp);
      if (route?.access === 'public') {
        request.gatewayContext = anonymous;
        return true;
      }
      const credential = credentialOf(request);
      const caller = await this.admission.admitCaller(credential, anonymous, route?.scope);
      request.gatewayContext = { ...anonymous, caller, accessToken: credential?.kind === 'access-token' ? credential.token : undefined };
      return true;
    } catch (error) {
      if (error instanceof EdgeRefused) throw problemOf(error.refusal, language);
      throw error;
    }
  }
}

function problemOf(refusal: EdgeRefusal, language: Language): GatewayProblem {
  switch (refusal.kind) {
    case 'rate-limited':
      return new GatewayProblem(429, 'RATE_LIMITED', say(gatewayMessages.tooManyRequests, language), [], { 'retry-after': String(refusal.retryAfterSeconds) });
    case 'credential-required':
      return new GatewayProblem(401, 'CREDENTIAL_REQUIRED', say(gatewayMessages.credentialRequired, language), [], { 'www-authenticate': 'Bearer' });
    case 'scope-missing':
      return new GatewayProblem(403, 'SCOPE_MISSING', `${say(gatewayMessages.scopeMissing, language)}: ${refusal.scope}`);
  }
}
