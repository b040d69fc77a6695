import { Inject, Injectable } from '@nestjs/common';
import { identityV1 } from '@zvonar/proto-ts';
import { IDENTITY_UPSTREAM, PRINCIPAL_CACHE } from '../gateway.di-tokens';
import type { Caller, CallContext } from '../upstream/call-context';
import type { Upstream } from '../upstream/upstream';
import type { Credential } from './credential';
import type { PrincipalCache } from './principal-cache';

type Identity = Upstream<identityV1.IdentityServiceClient>;

const roleName = (role: identityV1.Role): string => role.replace(/^ROLE_/, '').toLowerCase();

const cacheKeyOf = (credential: Credential): string =>
  credential.kind === 'access-token' ? `access-token:${credential.token}` : `api-key:${credential.key}`;

/**
 * Turns a request's credential into its caller through identity's Authenticate, remembering the
 * answer in the PrincipalCache for the credential's next requests. A session ended elsewhere
 * (logout, refresh-token reuse), a revoked key or changed roles reach the cache as identity's
 * CredentialsChanged events, so they take effect within the bus's delivery time; without a live
 * event stream the cache stays closed and every request asks identity.
 */
@Injectable()
export class Authenticator {
  constructor(
    @Inject(IDENTITY_UPSTREAM) private readonly identity: Identity,
    @Inject(PRINCIPAL_CACHE) private readonly principals: PrincipalCache,
  ) {}

  async authenticate(credential: Credential, context: CallContext): Promise<Caller> {
    const key = cacheKeyOf(credential);
    const known = this.principals.get(key);
    if (known) return known;
    const mark = this.principals.mark();
    const request: identityV1.AuthenticateRequest =
      credential.kind === 'access-token' ? { accessToken: credential.token } : { apiKey: credential.key };
    const { principal } = await this.identity.call(context, (identity, metadata) => identity.authenticate(request, metadata));
    if (!principal) throw new Error('identity answered Authenticate without a principal');
    const caller: Caller = {
      accountId: principal.accountId,
      userId: principal.userId,
      roles: principal.roles.map(roleName),
      scopes: principal.scopes,
      email: principal.email,
      credential: credential.kind,
    };
    this.principals.remember(key, caller, principal.validUntil, mark);
    return caller;
  }

  /**
   * This gateway just changed something of the caller's at identity (logged out everywhere,
   * revoked a key, changed the password or profile): its next request must see the change even
   * before identity's event arrives.
   */
  identityChangedBy(caller: Caller): void {
    this.principals.forgetUser(caller.userId);
  }
}
