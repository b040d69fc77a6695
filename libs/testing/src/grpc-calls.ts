import type { ServiceError } from '@grpc/grpc-js';
import { firstValueFrom, type Observable } from 'rxjs';

/** The answer of one call of a NestJS gRPC client (an Observable of one value). */
export const call = <T>(observable: Observable<T>): Promise<T> => firstValueFrom(observable);

/** The status of a call that must fail; a success fails the test. */
export const failure = (observable: Observable<unknown>): Promise<ServiceError> =>
  firstValueFrom(observable).then(
    () => Promise.reject(new Error('expected the call to fail')),
    (error: ServiceError) => error,
  );
