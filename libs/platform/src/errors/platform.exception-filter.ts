import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Observable } from 'rxjs';
import { GrpcExceptionFilter } from '../grpc/grpc.exception-filter';
import { ProblemJsonExceptionFilter } from '../http/problem-json.exception-filter';

/**
 * One global filter for both transports of a hybrid app. Nest applies an app's global filters
 * to a connected microservice only through inheritAppConfig (it is initialised on connect, so
 * filters set on it later are ignored); so the filter itself picks the mapping by context type.
 */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  private readonly http: ProblemJsonExceptionFilter;
  private readonly grpc: GrpcExceptionFilter;

  constructor(logger: Logger) {
    this.http = new ProblemJsonExceptionFilter(logger);
    this.grpc = new GrpcExceptionFilter(logger);
  }

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return this.grpc.catch(exception, host);
    return this.http.catch(exception, host);
  }
}
