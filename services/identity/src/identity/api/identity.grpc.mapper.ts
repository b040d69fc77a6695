import type { ApiKeyRecord } from '../application/api-keys.port';
import type { OutboxEntry } from '../application/delivery.port';
import type { Principal } from '../application/principal';
import type { IssuedTokens } from '../application/session-tokens';
import type { UserRecord } from '../application/users.port';
import type { Gender } from '../domain/profile';
import type { Role } from '../domain/roles';
import { identityV1 } from './identity.proto';

const roleToProto: Record<Role, identityV1.Role> = {
  user: identityV1.Role.ROLE_USER,
  moderator: identityV1.Role.ROLE_MODERATOR,
  support: identityV1.Role.ROLE_SUPPORT,
  admin: identityV1.Role.ROLE_ADMIN,
};

export const toProtoGender = (gender: Gender | null): identityV1.Gender =>
  gender === 'female' ? identityV1.Gender.GENDER_FEMALE : gender === 'male' ? identityV1.Gender.GENDER_MALE : identityV1.Gender.GENDER_UNSPECIFIED;

export const fromProtoGender = (gender: identityV1.Gender | undefined): Gender | null =>
  gender === identityV1.Gender.GENDER_FEMALE ? 'female' : gender === identityV1.Gender.GENDER_MALE ? 'male' : null;

export const toProtoTokens = (tokens: IssuedTokens): identityV1.Tokens => ({ ...tokens });

export const toProtoProfile = (user: UserRecord): identityV1.Profile => ({
  userId: user.userId,
  accountId: user.accountId,
  email: user.email,
  emailConfirmed: user.emailConfirmedAt !== null,
  phone: user.phone ?? '',
  phoneConfirmed: user.phoneConfirmedAt !== null,
  ...user.names,
  gender: toProtoGender(user.gender),
  roles: user.roles.map((role) => roleToProto[role]),
  registeredAt: user.registeredAt,
});

export const toProtoPrincipal = (principal: Principal): identityV1.Principal => ({
  accountId: principal.accountId,
  userId: principal.userId,
  roles: principal.roles.map((role) => roleToProto[role]),
  scopes: [...principal.scopes],
  credentialKind: principal.credential === 'ApiKey' ? identityV1.CredentialKind.CREDENTIAL_KIND_API_KEY : identityV1.CredentialKind.CREDENTIAL_KIND_ACCESS_TOKEN,
  credentialId: principal.credentialId,
  emailConfirmed: principal.emailConfirmed,
  email: principal.email,
  validUntil: principal.validUntil,
});

export const toProtoApiKey = (key: ApiKeyRecord): identityV1.ApiKey => ({
  apiKeyId: key.apiKeyId,
  name: key.name,
  prefix: `zk_${key.prefix}`,
  scopes: [...key.scopes],
  createdAt: key.createdAt,
  revokedAt: key.revokedAt ?? undefined,
});

export const toProtoOutboxMessage = (entry: OutboxEntry): identityV1.OutboxMessage => ({ ...entry });
