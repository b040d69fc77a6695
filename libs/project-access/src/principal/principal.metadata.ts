import { Metadata } from '@grpc/grpc-js';
import { ProjectAccessRefusal } from '../access/domain/access-refusal';
import type { Principal } from './principal';

/** The gRPC metadata keys the gateway forwards the authenticated principal in. */
export const PRINCIPAL_METADATA = {
  accountId: 'x-zvonar-account-id',
  userId: 'x-zvonar-user-id',
  roles: 'x-zvonar-roles',
  email: 'x-zvonar-email',
} as const;

const textOf = (metadata: Metadata | undefined, key: string): string => {
  const [value] = metadata?.get(key) ?? [];
  return typeof value === 'string' ? value.trim() : '';
};

/** The principal of a call, or undefined for a call without one (an internal caller). */
export function optionalPrincipalFrom(metadata: Metadata | undefined): Principal | undefined {
  const accountId = textOf(metadata, PRINCIPAL_METADATA.accountId);
  const userId = textOf(metadata, PRINCIPAL_METADATA.userId);
  if (accountId === '' || userId === '') return undefined;
  const roles = textOf(metadata, PRINCIPAL_METADATA.roles)
    .split(',')
    .map((role) => role.trim().toLowerCase())
    .filter((role) => role !== '');
  return { accountId, userId, roles, email: textOf(metadata, PRINCIPAL_METADATA.email).toLowerCase() };
}

/** The principal of a call that needs one; a call without it is refused UNAUTHENTICATED. */
export function principalFromMetadata(metadata: Metadata | undefined): Principal {
  const principal = optionalPrincipalFrom(metadata);
  if (!principal) throw new ProjectAccessRefusal('unauthenticated');
  return principal;
}

/** The metadata that carries `principal` to a service (what the gateway and tests send). */
export function principalMetadata(principal: Principal, metadata = new Metadata()): Metadata {
  metadata.set(PRINCIPAL_METADATA.accountId, principal.accountId);
  metadata.set(PRINCIPAL_METADATA.userId, principal.userId);
  metadata.set(PRINCIPAL_METADATA.roles, principal.roles.join(','));
  if (principal.email !== '') metadata.set(PRINCIPAL_METADATA.email, principal.email.toLowerCase());
  return metadata;
}
