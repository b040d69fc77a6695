import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { negotiateLanguage, type Language } from '@zvonar/platform';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { gatewayMessages, say } from './gateway-messages';
import type { GatewayRequest } from './gateway-request';
import { inputViolations } from './input-violations';
import { GatewayProblem, type FieldError } from './problem';
import { ROUTE_DEFINITION, type RouteDefinition } from './route';

type Parsed = { params: unknown; query: unknown; body: unknown };

/**
 * Validates a request against its route's schemas: path parameters, query and body together, so
 * one 422 lists every bad field. Unknown body fields are refused by the schemas (strict objects).
 */
export function parseRouteInput(definition: RouteDefinition, request: FastifyRequest, language: Language): Parsed {
  const errors: FieldError[] = [];
  const parse = (schema: z.ZodType | undefined, value: unknown): unknown => {
    if (!schema) return undefined;
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    errors.push(...inputViolations(result.error, language));
    return undefined;
  };
  const parsed = {
    params: parse(definition.params, request.params ?? {}),
    query: parse(definition.query, request.query ?? {}),
    body: definition.rawBody ? request.body : parse(definition.body, request.body ?? {}),
  };
  if (errors.length > 0) throw new GatewayProblem(422, 'INVALID_REQUEST', say(gatewayMessages.invalidRequest, language), errors);
  return parsed;
}

/** `@Input() input: RouteInput<typeof route>`: the validated params, query and body of the handler's route. */
export const Input = createParamDecorator((_: unknown, context: ExecutionContext): Parsed => {
  const definition = Reflect.getMetadata(ROUTE_DEFINITION, context.getHandler()) as RouteDefinition;
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return parseRouteInput(definition, request, negotiateLanguage(request.headers['accept-language']));
});

/** `@Context() context: CallContext`: what upstream calls of this request carry (set by the edge guard). */
export const Context = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<GatewayRequest>();
  if (!request.gatewayContext) throw new Error('The edge guard did not run for this route');
  return request.gatewayContext;
});
