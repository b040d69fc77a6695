import type { Metadata } from '@grpc/grpc-js';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ValidationError } from '@zvonar/eventsourcing';
import type { Observable } from 'rxjs';
import { negotiateLanguage } from '../http/problem-titles';
import { nulCharacterViolations, nulRefusalMessage } from './nul-characters';

/**
 * Refuses, as INVALID_ARGUMENT naming the fields, any RPC whose request holds U+0000 in its text:
 * every service, whatever reaches it (the REST gateway, the partners' gRPC proxy that passes bytes
 * through, another service). Without it such text failed in PostgreSQL as an internal error.
 */
@Injectable()
export class NulCharacterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpc = context.switchToRpc();
    const metadata = rpc.getContext<Metadata | undefined>();
    const [acceptLanguage] = metadata?.get?.('accept-language') ?? [];
    const language = negotiateLanguage(typeof acceptLanguage === 'string' ? acceptLanguage : undefined);
    const violations = nulCharacterViolations(rpc.getData(), language);
    if (violations.length > 0) throw new ValidationError(nulRefusalMessage(language), violations);
    return next.handle();
  }
}
