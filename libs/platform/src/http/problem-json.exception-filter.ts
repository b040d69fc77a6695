import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { classifyError, type ErrorKind } from '../errors/error-classification';
import { newErrorId } from '../errors/error-id';
import { negotiateLanguage, problemTitle } from './problem-titles';

/** RFC 9457 body; `errors` is our extension member for field violations. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: { field: string; code: string; message: string }[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const statusOf: Record<ErrorKind, number> = {
  conflict: 409,
  invalid: 422,
  // 409, not 412: 412 answers HTTP preconditions (If-Match); a state rule of the domain is a
  // conflict with the resource's current state.
  precondition: 409,
  'not-found': 404,
  unavailable: 503,
  internal: 500,
};

const kindOfStatus = (status: number): ErrorKind | 'http' =>
  status === 404
    ? 'not-found'
    : status === 409
      ? 'conflict'
      : status === 422
        ? 'invalid'
        : status === 503
          ? 'unavailable'
          : status >= 500
            ? 'internal'
            : 'http';

/**
 * Every error of an HTTP handler as application/problem+json, with the same mapping as the
 * gRPC filter. Titles follow Accept-Language (Russian by default); details are the domain's
 * messages. Unexpected errors answer 500 with an error id and are logged with their stack.
 */
@Catch()
export class ProblemJsonExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const language = negotiateLanguage(request.headers['accept-language']);
    const problem =
      exception instanceof HttpException
        ? this.fromHttpException(exception, request)
        : this.fromError(exception, request);
    problem.title = problemTitle(kindOfStatus(problem.status), language);
    void reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('content-language', language)
      .send(problem);
  }

  private fromHttpException(exception: HttpException, request: FastifyRequest): Problem {
    const status = exception.getStatus();
    const kind = kindOfStatus(status);
    return {
      type: typeUri(kind === 'http' ? `http-${status}` : kind),
      title: '',
      status,
      detail: exception.message,
      instance: request.url,
      code: `HTTP_${status}`,
    };
  }

  private fromError(exception: unknown, request: FastifyRequest): Problem {
    const classified = classifyError(exception);
    const problem: Problem = {
      type: typeUri(classified.kind),
      title: '',
      status: statusOf[classified.kind],
      detail: classified.detail,
      instance: request.url,
      code: classified.code,
    };
    if (classified.violations.length > 0)
      problem.errors = classified.violations.map(({ field, code, message }) => ({ field, code, message }));
    if (classified.kind === 'internal') {
      const errorId = newErrorId();
      problem.instance = `urn:zvonar:error:${errorId}`;
      this.logger.error(
        { err: exception, errorId, method: request.method, url: request.url },
        'unhandled error in an HTTP handler',
      );
    }
    return problem;
  }
}

// A URN rather than a URL: it names the problem type without promising a page to read.
const typeUri = (name: string): string => `urn:zvonar:problem:${name}`;
