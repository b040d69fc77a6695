import { identityV1 } from '@zvonar/proto-ts';
import { enumName, enumValue, isoTime } from '../../http/wire';
import type { RouteOutput } from '../../http/route';
import type * as routes from './identity.routes';

type Profile = RouteOutput<typeof routes.getProfile>;
type ApiKey = RouteOutput<typeof routes.createApiKey>['apiKey'];
type GenderName = Profile['gender'];

export const profileOf = (profile: identityV1.Profile | undefined): Profile => {
  if (!profile) throw new Error('identity answered without a profile');
  return {
    userId: profile.userId,
    accountId: profile.accountId,
    email: profile.email,
    emailConfirmed: profile.emailConfirmed,
    phone: profile.phone,
    phoneConfirmed: profile.phoneConfirmed,
    lastName: profile.lastName,
    firstName: profile.firstName,
    middleName: profile.middleName,
    gender: enumName(profile.gender, 'GENDER_') as Profile['gender'],
    roles: profile.roles.map((role) => enumName(role, 'ROLE_')) as Profile['roles'],
    registeredAt: isoTime(profile.registeredAt),
  };
};

export const genderOf = (gender: GenderName): identityV1.Gender => enumValue<identityV1.Gender>(gender, 'GENDER_');

export const apiKeyOf = (key: identityV1.ApiKey): ApiKey => ({
  apiKeyId: key.apiKeyId,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  createdAt: isoTime(key.createdAt),
  revokedAt: isoTime(key.revokedAt),
});

/** Tokens as the API answers them; the refresh token is left out when it went into the cookie. */
export const tokensOf = (tokens: identityV1.Tokens | undefined, refreshInBody: boolean) => {
  if (!tokens) throw new Error('identity answered without tokens');
  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: isoTime(tokens.accessTokenExpiresAt) ?? '',
    ...(refreshInBody ? { refreshToken: tokens.refreshToken } : {}),
    refreshTokenExpiresAt: isoTime(tokens.refreshTokenExpiresAt) ?? '',
  };
};

export const outboxMessageOf = (message: identityV1.OutboxMessage) => ({
  position: message.position,
  channel: message.channel as 'email' | 'sms',
  recipient: message.recipient,
  subject: message.subject,
  body: message.body,
  createdAt: isoTime(message.createdAt),
});
