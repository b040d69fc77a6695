import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestHeader } from '../http/gateway-request';

/** The console's refresh token: httpOnly (no script reads it), sent only to the auth routes. */
export const REFRESH_COOKIE = 'zvonar_refresh';
const COOKIE_PATH = '/api/v1/auth';

/** The refresh token from the request's Cookie header; undefined when there is none. */
export function refreshCookieOf(request: FastifyRequest): string | undefined {
  for (const part of (requestHeader(request, 'cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return decodeURIComponent(value.join('=')) || undefined;
  }
  return undefined;
}

/**
 * Sets (or, with `expiresAt` null, clears) the refresh cookie. SameSite=Strict keeps other sites
 * from making the browser send it; Secure whenever the client came over https, so a plain-http
 * developer setup still works.
 */
export function writeRefreshCookie(reply: FastifyReply, token: string, expiresAt: Date | null, secure: boolean): void {
  const attributes = [
    `${REFRESH_COOKIE}=${expiresAt ? encodeURIComponent(token) : ''}`,
    `Path=${COOKIE_PATH}`,
    'HttpOnly',
    'SameSite=Strict',
    expiresAt ? `Expires=${expiresAt.toUTCString()}` : 'Max-Age=0',
    ...(secure ? ['Secure'] : []),
  ];
  void reply.header('set-cookie', attributes.join('; '));
}
