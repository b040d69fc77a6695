import type { identityV1 } from '../src/identity/api/identity.proto';
import { call, type IdentityClient } from './identity.test-client';
import { aRegistration, anIp, STRONG_PASSWORD } from './mothers/user.mother';

/** The newest message the local outbox holds for `recipient`, read over gRPC as a developer would. */
export async function lastMessageTo(client: IdentityClient['service'], recipient: string): Promise<identityV1.OutboxMessage> {
  const { messages } = await call(client.listLocalOutbox({ recipient, limit: 1 }));
  if (!messages[0]) throw new Error(`the local outbox holds nothing for ${recipient}`);
  return messages[0];
}

export const codeIn = (message: identityV1.OutboxMessage): string => {
  const code = /\b(\d{6})\b/.exec(message.body)?.[1];
  if (!code) throw new Error(`no six-digit code in "${message.body}"`);
  return code;
};

export const resetTokenIn = (message: identityV1.OutboxMessage): string => {
  const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
  if (!token) throw new Error(`no reset link in "${message.body}"`);
  return token;
};

/** Registers, confirms the email through the outbox and signs in: a user with a live session. */
export async function aSignedInUser(client: IdentityClient['service'], overrides: Partial<identityV1.RegisterRequest> = {}) {
  const registration = aRegistration(overrides);
  await call(client.register(registration));
  await call(client.confirmEmail({ email: registration.email, code: codeIn(await lastMessageTo(client, registration.email)) }));
  const { tokens } = await call(client.login({ email: registration.email, password: registration.password || STRONG_PASSWORD, clientIp: anIp() }));
  return { email: registration.email, password: registration.password, tokens: tokens! };
}
