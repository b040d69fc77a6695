import { Inject, Injectable } from '@nestjs/common';
import { identityV1 } from '@zvonar/proto-ts';
import { IDENTITY_UPSTREAM } from '../gateway.di-tokens';
import type { Caller, CallContext } from '../upstream/call-context';
import type { Upstream } from '../upstream/upstream';
import type { Credential } from './credential';

type Identity = Upstream<identityV1.IdentityServiceClient>;

const roleName = (role: identityV1.Role): string => role.replace(/^ROLE_/, '').toLowerCase();

/**
 * Turns a request's credential into its caller through identity's Authenticate, on every request:
 * a session ended elsewhere (logout, refresh-token reuse) stops working at once.
 */
@Injectable()
export class Authenticator {
  constructor(@Inject(IDENTITY_UPSTREAM) private readonly identity: Identity) {}

  async authenticate(credential: Credential, context: CallContext): Promise<Caller> {
    const request: identityV1.AuthenticateRequest =
      credential.kind === 'access-token' ? { accessToken: credential.token } : { apiKey: credential.key };
    const { principal } = await this.identity.call(context, (identity, metadata) => identity.authenticate(request, metadata));
    if (!principal) throw new Error('identity answered Authenticate without a principal');
    return {
      accountId: principal.accountId,
      userId: principal.userId,
      roles: principal.roles.map(roleName),
      scopes: principal.scopes,
      email: principal.email,
      credential: credential.kind,
    };
  }
}
