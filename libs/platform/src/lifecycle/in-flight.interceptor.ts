import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { defer, finalize, type Observable } from 'rxjs';
import { NOT_WORK } from '../health/not-work.decorator';
import { InFlightWork } from './in-flight-work';

/** Every HTTP request and unary RPC counts as in-flight work until its response is sent. */
@Injectable()
export class InFlightInterceptor implements NestInterceptor {
  constructor(
    private readonly inFlight: InFlightWork,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (this.reflector.getAllAndOverride<boolean>(NOT_WORK, [context.getHandler(), context.getClass()]))
      return next.handle();
    return defer(() => {
      const end = this.inFlight.begin();
      return next.handle().pipe(finalize(end));
    });
  }
}
