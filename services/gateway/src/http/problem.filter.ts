import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { LOGGER, negotiateLanguage, type Language } from '@zvonar/platform';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { problemOfUpstream, UpstreamFailure } from '../upstream/upstream-failure';
import { gatewayMessages, say } from './gateway-messages';
import { GatewayProblem, PROBLEM_CONTENT_TYPE, type Problem } from './problem';
import { problemTitle, problemType } from './problem-titles';

/**
 * Every error of a REST route as application/problem+json: the gateway's own refusals, the
 * services' gRPC statuses (with their field violations and the failing dependency named) and
 * anything unexpected (500 with an error id; the stack stays in the log).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const language = negotiateLanguage(request.headers['accept-language']);
    const { problem, headers } = this.describe(exception, request, language);
    void reply
      .status(problem.status)
      .headers(headers)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('content-language', language)
      .send(problem);
  }

  private describe(exception: unknown, request: FastifyRequest, language: Language): { problem: Problem; headers: Record<string, string> } {
    const base = (status: number, code: string, detail: string): Problem => ({
      type: problemType(status),
      title: problemTitle(status, language),
      status,
      detail,
      instance: request.url,
      code,
    });
    if (exception instanceof GatewayProblem) {
      const problem = base(exception.status, exception.code, exception.detail);
      if (exception.errors.length > 0) problem.errors = [...exception.errors];
      return { problem, headers: { ...exception.headers } };
    }
    if (exception instanceof UpstreamFailure) {
      const described = problemOfUpstream(exception, language);
      const problem = base(described.status, described.code, described.detail);
      if (described.errors.length > 0) problem.errors = [...described.errors];
      if (described.dependencyFault) {
        problem.dependency = described.dependency ?? exception.service;
        this.logger.warn({ dependency: problem.dependency, calledService: exception.service, grpcCode: exception.grpcError.code, details: exception.grpcError.details, url: request.url }, 'upstream call failed');
      }
      return { problem, headers: described.retryAfterSeconds ? { 'retry-after': described.retryAfterSeconds } : {} };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const detail = status === 404 ? say(gatewayMessages.notFound, language) : exception.message;
      return { problem: base(status, `HTTP_${status}`, detail), headers: {} };
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId, method: request.method, url: request.url }, 'unhandled error in a REST route');
    const problem = base(500, 'INTERNAL', `${problemTitle(500, language)} (error id ${errorId})`);
    problem.instance = `urn:zvonar:error:${errorId}`;
    return { problem, headers: {} };
  }
}
