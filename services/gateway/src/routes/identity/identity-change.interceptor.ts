import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import { Authenticator } from '../../auth/authenticator';
import type { GatewayRequest } from '../../http/gateway-request';

/**
 * After a signed-in caller's successful change at identity (logout everywhere, a revoked key, a new
 * password or profile), this gateway forgets the caller's cached principal, so their very next
 * request sees the change; identity's CredentialsChanged event does the same on every other
 * gateway a moment later. Reads change nothing and keep the cache.
 */
@Injectable()
export class IdentityChangeInterceptor implements NestInterceptor {
  constructor(private readonly authenticator: Authenticator) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const caller = request.method === 'GET' ? undefined : request.gatewayContext?.caller;
    if (!caller) return next.handle();
    return next.handle().pipe(tap(() => this.authenticator.identityChangedBy(caller)));
  }
}
