import { z } from 'zod';
import { dateTime, id } from '../../http/wire';
import { defineRoute } from '../../http/route';

const TAG = 'identity';
const email = () => z.string().min(3).max(254).describe('Sign-in email; case and surrounding spaces are ignored');
const password = (description: string) => z.string().min(1).max(1024).describe(description);

const tokens = z.object({
  accessToken: z.string().describe('Send as "Authorization: Bearer <accessToken>"; short-lived'),
  accessTokenExpiresAt: dateTime(),
  refreshToken: z.string().optional().describe('Exchange once at /auth/refresh; absent when it was set as the httpOnly cookie instead'),
  refreshTokenExpiresAt: dateTime(),
});

const cookieChoice = z
  .boolean()
  .optional()
  .describe('true (the console): the refresh token is set as an httpOnly SameSite=Strict cookie and left out of the body');

const gender = z.enum(['female', 'male', 'unspecified']);

const profile = z.object({
  userId: z.string(),
  accountId: z.string(),
  email: z.string(),
  emailConfirmed: z.boolean(),
  phone: z.string().describe('E.164; empty when none was given'),
  phoneConfirmed: z.boolean(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  gender,
  roles: z.array(z.enum(['user', 'moderator', 'support', 'admin'])),
  registeredAt: dateTime().nullable(),
});

const apiKey = z.object({
  apiKeyId: z.string(),
  name: z.string(),
  prefix: z.string().describe('The public start of the key, to recognise it'),
  scopes: z.array(z.string()),
  createdAt: dateTime().nullable(),
  revokedAt: dateTime().nullable().describe('null while the key works'),
});

export const register = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/register',
  operationId: 'register',
  tag: TAG,
  summary: 'Register a user with a new account',
  description: 'Emails a confirmation code. An already registered email gets the same answer (its owner is told by email), so the call never reveals who is registered.',
  access: 'public',
  body: z.strictObject({
    email: email(),
    password: password('10 to 128 characters with a letter and a digit, not a common password'),
    promoCode: z.string().max(32).optional(),
    consent: z.strictObject({
      accepted: z.boolean().describe('Must be true'),
      textVersion: z.string().min(1).max(32).describe('Version of the consent text shown'),
    }),
  }),
  status: 202,
  problems: [422, 429],
});

export const confirmEmail = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/email/confirm',
  operationId: 'confirmEmail',
  tag: TAG,
  summary: 'Confirm the email with the emailed one-time code',
  access: 'public',
  body: z.strictObject({ email: email(), code: z.string().min(1).max(16) }),
  status: 204,
  problems: [409, 422, 429],
});

export const resendEmailCode = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/email/resend',
  operationId: 'resendEmailCode',
  tag: TAG,
  summary: 'Email a new confirmation code',
  access: 'public',
  body: z.strictObject({ email: email() }),
  status: 202,
  problems: [422, 429],
});

export const login = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/login',
  operationId: 'login',
  tag: TAG,
  summary: 'Sign in with email and password',
  description: 'Too many failures per email or per client IP lock sign-in for a while (429 with Retry-After).',
  access: 'public',
  body: z.strictObject({ email: email(), password: password('The password'), useCookie: cookieChoice }),
  response: tokens,
  status: 200,
  problems: [401, 422, 429],
});

export const refresh = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/refresh',
  operationId: 'refresh',
  tag: TAG,
  summary: 'Exchange a refresh token for new tokens',
  description: 'The token comes from the body (partners) or the httpOnly cookie (console). Each works once: presenting a used one ends the whole session.',
  access: 'public',
  body: z.strictObject({ refreshToken: z.string().max(1000).optional(), useCookie: cookieChoice }),
  response: tokens,
  status: 200,
  problems: [401, 422, 429],
});

export const logout = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/logout',
  operationId: 'logout',
  tag: TAG,
  summary: 'End the session of a refresh token (body or cookie) and clear the cookie',
  access: 'public',
  body: z.strictObject({ refreshToken: z.string().max(1000).optional() }),
  status: 204,
  problems: [422],
});

export const logoutEverywhere = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/logout-everywhere',
  operationId: 'logoutEverywhere',
  tag: TAG,
  summary: "End every session of the signed-in user",
  access: 'authenticated',
  response: z.object({ sessionsEnded: z.number().int() }),
  status: 200,
});

export const requestPasswordReset = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/password-reset',
  operationId: 'requestPasswordReset',
  tag: TAG,
  summary: 'Email a single-use, expiring password-reset link',
  access: 'public',
  body: z.strictObject({ email: email() }),
  status: 202,
  problems: [422, 429],
});

export const resetPassword = defineRoute({
  method: 'POST',
  path: '/api/v1/auth/password-reset/confirm',
  operationId: 'resetPassword',
  tag: TAG,
  summary: 'Set a new password with the token of the reset link; ends every session',
  access: 'public',
  body: z.strictObject({ token: z.string().min(1).max(1000), newPassword: password('The new password') }),
  status: 204,
  problems: [409, 422],
});

export const getProfile = defineRoute({
  method: 'GET',
  path: '/api/v1/profile',
  operationId: 'getProfile',
  tag: TAG,
  summary: "The signed-in user's profile",
  access: 'authenticated',
  response: profile,
  status: 200,
});

export const updateProfile = defineRoute({
  method: 'PUT',
  path: '/api/v1/profile',
  operationId: 'updateProfile',
  tag: TAG,
  summary: "Replace the signed-in user's name and gender",
  access: 'authenticated',
  body: z.strictObject({
    lastName: z.string().max(100).default(''),
    firstName: z.string().max(100).default(''),
    middleName: z.string().max(100).default(''),
    gender: gender.default('unspecified'),
  }),
  response: profile,
  status: 200,
  problems: [422],
});

export const changePassword = defineRoute({
  method: 'POST',
  path: '/api/v1/profile/password',
  operationId: 'changePassword',
  tag: TAG,
  summary: 'Change the password (the current one is required); ends every other session',
  access: 'authenticated',
  body: z.strictObject({ currentPassword: password('The password in use now'), newPassword: password('The new password') }),
  status: 204,
  problems: [422],
});

export const requestPhoneConfirmation = defineRoute({
  method: 'POST',
  path: '/api/v1/profile/phone',
  operationId: 'requestPhoneConfirmation',
  tag: TAG,
  summary: 'Set the phone (unconfirmed) and send a confirmation code by SMS',
  access: 'authenticated',
  body: z.strictObject({ phone: z.string().min(1).max(32).describe('E.164, "+79161234567"') }),
  status: 202,
  problems: [422],
});

export const confirmPhone = defineRoute({
  method: 'POST',
  path: '/api/v1/profile/phone/confirm',
  operationId: 'confirmPhone',
  tag: TAG,
  summary: 'Confirm the phone with the SMS code',
  access: 'authenticated',
  body: z.strictObject({ code: z.string().min(1).max(16) }),
  status: 204,
  problems: [409, 422],
});

export const createApiKey = defineRoute({
  method: 'POST',
  path: '/api/v1/api-keys',
  operationId: 'createApiKey',
  tag: TAG,
  summary: "Create an API key for the account; the secret is shown once",
  access: 'authenticated',
  body: z.strictObject({ name: z.string().min(1).max(100), scopes: z.array(z.string().min(1).max(100)).min(1).max(50) }),
  response: z.object({ apiKey, secret: z.string().describe('The whole key for X-Api-Key; stored only as a hash') }),
  status: 201,
  problems: [422],
});

export const listApiKeys = defineRoute({
  method: 'GET',
  path: '/api/v1/api-keys',
  operationId: 'listApiKeys',
  tag: TAG,
  summary: "The account's API keys, newest first (never their secrets)",
  access: 'authenticated',
  response: z.object({ items: z.array(apiKey), nextCursor: z.null().describe('Always null: the list comes in one page') }),
  status: 200,
});

export const revokeApiKey = defineRoute({
  method: 'DELETE',
  path: '/api/v1/api-keys/:apiKeyId',
  operationId: 'revokeApiKey',
  tag: TAG,
  summary: 'Revoke an API key; it stops working at once',
  access: 'authenticated',
  params: z.strictObject({ apiKeyId: id('The key to revoke') }),
  status: 204,
  problems: [404],
});

export const devOutbox = defineRoute({
  method: 'GET',
  path: '/api/v1/dev/outbox',
  operationId: 'listDevOutbox',
  tag: 'development',
  summary: 'Embedded mode only: the mail and SMS the local outbox holds instead of sending, newest first',
  access: 'public',
  embeddedOnly: true,
  query: z.strictObject({
    recipient: z.string().max(254).optional().describe('Only messages to this email or phone'),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  }),
  response: z.object({
    items: z.array(
      z.object({
        position: z.number().int(),
        channel: z.enum(['email', 'sms']),
        recipient: z.string(),
        subject: z.string(),
        body: z.string(),
        createdAt: dateTime().nullable(),
      }),
    ),
    nextCursor: z.null(),
  }),
  status: 200,
  problems: [404, 422],
});
