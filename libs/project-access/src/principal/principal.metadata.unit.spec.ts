import { Metadata } from '@grpc/grpc-js';
import { ProjectAccessRefusal } from '../access/domain/access-refusal';
import { optionalPrincipalFrom, principalFromMetadata, principalMetadata } from './principal.metadata';

const metadataOf = (entries: Record<string, string>): Metadata => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
};

describe('principal in gRPC metadata', () => {
  it('reads what the gateway forwards: roles split and trimmed, email in lower case', () => {
    const metadata = metadataOf({
      'x-zvonar-account-id': 'account-1',
      'x-zvonar-user-id': 'user-1',
      'x-zvonar-roles': 'user, Support,',
      'x-zvonar-email': 'Anna@Example.COM',
    });
    expect(principalFromMetadata(metadata)).toEqual({
      accountId: 'account-1',
      userId: 'user-1',
      roles: ['user', 'support'],
      email: 'anna@example.com',
    });
  });

  it('round-trips through principalMetadata', () => {
    const principal = { accountId: 'a', userId: 'u', roles: ['user', 'admin'], email: 'x@y.ru' };
    expect(principalFromMetadata(principalMetadata(principal))).toEqual(principal);
  });

  it('accepts a principal without email or roles (an API key)', () => {
    expect(principalFromMetadata(metadataOf({ 'x-zvonar-account-id': 'a', 'x-zvonar-user-id': 'u' }))).toEqual({
      accountId: 'a',
      userId: 'u',
      roles: [],
      email: '',
    });
  });

  it.each([
    ['no metadata at all', undefined],
    ['no user', metadataOf({ 'x-zvonar-account-id': 'a' })],
    ['no account', metadataOf({ 'x-zvonar-user-id': 'u' })],
    ['blank ids', metadataOf({ 'x-zvonar-account-id': ' ', 'x-zvonar-user-id': '' })],
  ])('refuses UNAUTHENTICATED with %s', (_case, metadata) => {
    expect(optionalPrincipalFrom(metadata)).toBeUndefined();
    expect(() => principalFromMetadata(metadata)).toThrow(ProjectAccessRefusal);
    expect(() => principalFromMetadata(metadata)).toThrow(expect.objectContaining({ kind: 'unauthenticated', code: 'UNAUTHENTICATED' }));
  });
});
