import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { IDENTITY_SETTINGS, LOCAL_OUTBOX } from '../../identity.di-tokens';
import { ApiKeys } from '../application/api-keys';
import { Authentication } from '../application/authentication';
import { Confirmations } from '../application/confirmations';
import type { LocalOutbox } from '../application/delivery.port';
import type { IdentitySettings } from '../application/identity-settings';
import { localeFrom, type Locale } from '../application/locale';
import { Passwords } from '../application/passwords';
import type { Principal } from '../application/principal';
import { Profiles } from '../application/profiles';
import { Registrations } from '../application/registration';
import { Sessions } from '../application/sessions';
import { SignIn } from '../application/sign-in';
import { IdentityRefusal, invalidCredentials } from '../domain/identity.errors';
import { bearerToken } from './bearer-credential';
import {
  fromProtoGender,
  toProtoApiKey,
  toProtoOutboxMessage,
  toProtoPrincipal,
  toProtoProfile,
  toProtoTokens,
} from './identity.grpc.mapper';
import { identityV1 } from './identity.proto';
import { IdentityRefusalGrpcFilter } from './identity-refusal.grpc-filter';

const localeOf = (metadata: Metadata | undefined): Locale => {
  const [value] = metadata?.get('accept-language') ?? [];
  return localeFrom(typeof value === 'string' ? value : undefined);
};

/** zvonar.identity.v1.IdentityService: requests in, application calls, proto out. */
@Controller()
@UseFilters(IdentityRefusalGrpcFilter)
@identityV1.IdentityServiceControllerMethods()
export class IdentityGrpcController implements identityV1.IdentityServiceController {
  constructor(
    private readonly registrations: Registrations,
    private readonly confirmations: Confirmations,
    private readonly signIn: SignIn,
    private readonly sessions: Sessions,
    private readonly passwords: Passwords,
    private readonly profiles: Profiles,
    private readonly apiKeys: ApiKeys,
    private readonly authentication: Authentication,
    @Inject(LOCAL_OUTBOX) private readonly outbox: LocalOutbox,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  /** The signed-in user behind the call's bearer token; API keys may not manage the account. */
  private caller(metadata: Metadata | undefined): Promise<Principal> {
    const token = bearerToken(metadata);
    return token ? this.authentication.byAccessToken(token) : Promise.reject(invalidCredentials());
  }

  async register(request: identityV1.RegisterRequest, metadata?: Metadata): Promise<identityV1.RegisterResponse> {
    await this.registrations.register(request, localeOf(metadata));
    return {};
  }

  async resendEmailCode(request: identityV1.ResendEmailCodeRequest, metadata?: Metadata): Promise<identityV1.ResendEmailCodeResponse> {
    await this.confirmations.resendEmailCode(request.email, localeOf(metadata));
    return {};
  }

  async confirmEmail(request: identityV1.ConfirmEmailRequest): Promise<identityV1.ConfirmEmailResponse> {
    await this.confirmations.confirmEmail(request.email, request.code);
    return {};
  }

  async requestPhoneConfirmation(request: identityV1.RequestPhoneConfirmationRequest, metadata?: Metadata): Promise<identityV1.RequestPhoneConfirmationResponse> {
    await this.confirmations.requestPhoneConfirmation(await this.caller(metadata), request.phone, localeOf(metadata));
    return {};
  }

  async confirmPhone(request: identityV1.ConfirmPhoneRequest, metadata?: Metadata): Promise<identityV1.ConfirmPhoneResponse> {
    await this.confirmations.confirmPhone(await this.caller(metadata), request.code);
    return {};
  }

  async login(request: identityV1.LoginRequest): Promise<identityV1.LoginResponse> {
    return { tokens: toProtoTokens(await this.signIn.login(request)) };
  }

  async refresh(request: identityV1.RefreshRequest): Promise<identityV1.RefreshResponse> {
    return { tokens: toProtoTokens(await this.sessions.refresh(request.refreshToken)) };
  }

  async logout(request: identityV1.LogoutRequest): Promise<identityV1.LogoutResponse> {
    await this.sessions.logout(request.refreshToken);
    return {};
  }

  async logoutEverywhere(_request: identityV1.LogoutEverywhereRequest, metadata?: Metadata): Promise<identityV1.LogoutEverywhereResponse> {
    return { sessionsEnded: await this.sessions.logoutEverywhere(await this.caller(metadata)) };
  }

  async getProfile(_request: identityV1.GetProfileRequest, metadata?: Metadata): Promise<identityV1.GetProfileResponse> {
    return { profile: toProtoProfile(await this.profiles.get(await this.caller(metadata))) };
  }

  async updateProfile(request: identityV1.UpdateProfileRequest, metadata?: Metadata): Promise<identityV1.UpdateProfileResponse> {
    const names = { lastName: request.lastName, firstName: request.firstName, middleName: request.middleName };
    return { profile: toProtoProfile(await this.profiles.update(await this.caller(metadata), names, fromProtoGender(request.gender))) };
  }

  async changePassword(request: identityV1.ChangePasswordRequest, metadata?: Metadata): Promise<identityV1.ChangePasswordResponse> {
    await this.passwords.change(await this.caller(metadata), request.currentPassword, request.newPassword);
    return {};
  }

  async requestPasswordReset(request: identityV1.RequestPasswordResetRequest, metadata?: Metadata): Promise<identityV1.RequestPasswordResetResponse> {
    await this.passwords.requestReset(request.email, localeOf(metadata));
    return {};
  }

  async resetPassword(request: identityV1.ResetPasswordRequest): Promise<identityV1.ResetPasswordResponse> {
    await this.passwords.reset(request.token, request.newPassword);
    return {};
  }

  async createApiKey(request: identityV1.CreateApiKeyRequest, metadata?: Metadata): Promise<identityV1.CreateApiKeyResponse> {
    const created = await this.apiKeys.create(await this.caller(metadata), request.name, request.scopes);
    return { apiKey: toProtoApiKey(created.key), secret: created.secret };
  }

  async listApiKeys(_request: identityV1.ListApiKeysRequest, metadata?: Metadata): Promise<identityV1.ListApiKeysResponse> {
    return { apiKeys: (await this.apiKeys.list(await this.caller(metadata))).map(toProtoApiKey) };
  }

  async revokeApiKey(request: identityV1.RevokeApiKeyRequest, metadata?: Metadata): Promise<identityV1.RevokeApiKeyResponse> {
    await this.apiKeys.revoke(await this.caller(metadata), request.apiKeyId);
    return {};
  }

  async authenticate(request: identityV1.AuthenticateRequest): Promise<identityV1.AuthenticateResponse> {
    const principal = request.apiKey
      ? this.authentication.byApiKey(request.apiKey)
      : request.accessToken
        ? this.authentication.byAccessToken(request.accessToken)
        : Promise.reject(invalidCredentials());
    return { principal: toProtoPrincipal(await principal) };
  }

  async listLocalOutbox(request: identityV1.ListLocalOutboxRequest): Promise<identityV1.ListLocalOutboxResponse> {
    if (!this.settings.localOutboxReadable) throw new IdentityRefusal('precondition', 'LOCAL_OUTBOX_DISABLED');
    const limit = Math.min(Math.max(request.limit || 50, 1), 200);
    return { messages: (await this.outbox.list(request.recipient.trim().toLowerCase(), limit)).map(toProtoOutboxMessage) };
  }
}
