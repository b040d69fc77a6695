import { negotiateLanguage, problemTitle } from './problem-titles';

type FrameworkError = Error & { statusCode?: number; code?: string };

/**
 * The problem document for one of Fastify's own refusals (a malformed URL, an over-long path
 * parameter, a body it cannot parse before any route runs). Without it they would be Fastify's
 * plain JSON: the one error shape of the platform a client could not rely on.
 */
export function frameworkProblem(error: FrameworkError, instance: string, acceptLanguage: string | string[] | undefined): { status: number; body: string } {
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 400;
  const language = negotiateLanguage(Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage);
  const body = { type: 'about:blank', title: problemTitle('http', language), status, detail: error.message, instance, code: error.code ?? 'BAD_REQUEST' };
  return { status, body: JSON.stringify(body) };
}
