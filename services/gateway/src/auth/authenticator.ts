import { Inject, Injectable } from '@nestjs/common';
import { identityV1 } from '@zvonar/proto-ts';
import { IDENTITY_UPSTREAM } from '../gateway.di-tokens';
import type { Caller, CallContext } from '../upstream/call-context';
import type { Upstream } from '../upstream/upstream';
import type { Credential } from './credential';

type Identity = Upstream<identityV1.IdentityServiceClient>;

const roleName = (role: identityV1.Role): string => role.replace(/^ROLE_/, '').toLowerCase();

// Emails change rarely (there is no change-email operation yet), so a short-lived cache saves the
// profile lookup on almost every request; the principal itself is checked on every request.
const EMAIL_TTL_MS = 5 * 60_000;
const EMAIL_CACHE_MAX = 50_000;

/**
 * Turns a request's credential into its caller through identity's Authenticate, on every request:
 * a session ended elsewhere (logout, refresh-token reuse) stops working at once.
 */
@Injectable()
export class Authenticator {
  private readonly emails = new Map<string, { email: string; until: number }>();

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
      email: credential.kind === 'access-token' ? await this.emailOf(principal.userId, credential.token, context) : '',
      credential: credential.kind,
    };
  }

  // Identity's Principal does not carry the email (yet); the profile does, for a signed-in user.
  private async emailOf(userId: string, accessToken: string, context: CallContext): Promise<string> {
    const now = Date.now();
    const cached = this.emails.get(userId);
    if (cached && cached.until > now) return cached.email;
    const { profile } = await this.identity.call({ ...context, accessToken }, (identity, metadata) => identity.getProfile({}, metadata));
    const email = profile?.email.toLowerCase() ?? '';
    if (this.emails.size >= EMAIL_CACHE_MAX) this.emails.clear();
    this.emails.set(userId, { email, until: now + EMAIL_TTL_MS });
    return email;
  }
}
