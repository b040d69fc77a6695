import { applyDecorators, Controller, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { EdgeGuard } from '../auth/edge.guard';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { ProblemFilter } from './problem.filter';

/**
 * A REST controller of the public API: every route passes the edge guard (limits, authentication),
 * POSTs honour Idempotency-Key, and every error is problem+json. Paths are full (`/api/v1/...`)
 * in each route's definition.
 */
export const GatewayController = (): ClassDecorator =>
  applyDecorators(Controller(), UseGuards(EdgeGuard), UseInterceptors(IdempotencyInterceptor), UseFilters(ProblemFilter));
