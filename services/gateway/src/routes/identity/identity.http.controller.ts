import { Inject, NotFoundException, Req, Res, UseInterceptors } from '@nestjs/common';
import { SERVICE_CONFIG, negotiateLanguage } from '@zvonar/platform';
import type { identityV1 } from '@zvonar/proto-ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refreshCookieOf, writeRefreshCookie } from '../../auth/refresh-cookie';
import type { GatewayConfig } from '../../config/gateway.config';
import { IDENTITY_UPSTREAM } from '../../gateway.di-tokens';
import { GatewayController } from '../../http/gateway-controller.decorator';
import { gatewayMessages, say } from '../../http/gateway-messages';
import { isHttps } from '../../http/gateway-request';
import { GatewayProblem } from '../../http/problem';
import { Endpoint, type RouteInput, type RouteOutput } from '../../http/route';
import { Context, Input } from '../../http/route-input.decorator';
import type { CallContext } from '../../upstream/call-context';
import type { Upstream } from '../../upstream/upstream';
import { apiKeyOf, genderOf, outboxMessageOf, profileOf, tokensOf } from './identity.mapper';
import { IdentityChangeInterceptor } from './identity-change.interceptor';
import * as routes from './identity.routes';

type Identity = Upstream<identityV1.IdentityServiceClient>;

/** Accounts, sessions, profile and API keys: identity's RPCs as REST. */
@GatewayController()
@UseInterceptors(IdentityChangeInterceptor)
export class IdentityHttpController {
  constructor(
    @Inject(IDENTITY_UPSTREAM) private readonly identity: Identity,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Endpoint(routes.register)
  async register(@Input() { body }: RouteInput<typeof routes.register>, @Context() context: CallContext): Promise<void> {
    const request = { email: body.email, password: body.password, promoCode: body.promoCode ?? '', consent: body.consent };
    await this.identity.call(context, (identity, metadata) => identity.register(request, metadata));
  }

  @Endpoint(routes.confirmEmail)
  async confirmEmail(@Input() { body }: RouteInput<typeof routes.confirmEmail>, @Context() context: CallContext): Promise<void> {
    await this.identity.call(context, (identity, metadata) => identity.confirmEmail(body, metadata));
  }

  @Endpoint(routes.resendEmailCode)
  async resendEmailCode(@Input() { body }: RouteInput<typeof routes.resendEmailCode>, @Context() context: CallContext): Promise<void> {
    await this.identity.call(context, (identity, metadata) => identity.resendEmailCode(body, metadata));
  }

  @Endpoint(routes.login)
  async login(
    @Input() { body }: RouteInput<typeof routes.login>,
    @Context() context: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RouteOutput<typeof routes.login>> {
    const { tokens } = await this.identity.call(context, (identity, metadata) =>
      identity.login({ email: body.email, password: body.password, clientIp: context.clientIp }, metadata),
    );
    return this.answerTokens(tokens, body.useCookie === true, request, reply);
  }

  @Endpoint(routes.refresh)
  async refresh(
    @Input() { body }: RouteInput<typeof routes.refresh>,
    @Context() context: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RouteOutput<typeof routes.refresh>> {
    const fromCookie = body.refreshToken === undefined ? refreshCookieOf(request) : undefined;
    const refreshToken = body.refreshToken ?? fromCookie;
    if (!refreshToken) throw this.refreshTokenRequired(request);
    const { tokens } = await this.identity.call(context, (identity, metadata) => identity.refresh({ refreshToken }, metadata));
    return this.answerTokens(tokens, body.useCookie ?? fromCookie !== undefined, request, reply);
  }

  @Endpoint(routes.logout)
  async logout(
    @Input() { body }: RouteInput<typeof routes.logout>,
    @Context() context: CallContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const refreshToken = body.refreshToken ?? refreshCookieOf(request);
    if (!refreshToken) throw this.refreshTokenRequired(request);
    await this.identity.call(context, (identity, metadata) => identity.logout({ refreshToken }, metadata));
    writeRefreshCookie(reply, '', null, isHttps(request, this.config.TRUST_PROXY));
  }

  @Endpoint(routes.logoutEverywhere)
  async logoutEverywhere(@Context() context: CallContext): Promise<RouteOutput<typeof routes.logoutEverywhere>> {
    const { sessionsEnded } = await this.identity.call(context, (identity, metadata) => identity.logoutEverywhere({}, metadata));
    return { sessionsEnded };
  }

  @Endpoint(routes.requestPasswordReset)
  async requestPasswordReset(@Input() { body }: RouteInput<typeof routes.requestPasswordReset>, @Context() context: CallContext): Promise<void> {
    await this.identity.call(context, (identity, metadata) => identity.requestPasswordReset(body, metadata));
  }

  @Endpoint(routes.resetPassword)
  async resetPassword(@Input() { body }: RouteInput<typeof routes.resetPassword>, @Context() context: CallContext): Promise<void> {
    await this.identity.call(context, (identity, metadata) => identity.resetPassword(body, metadata));
  }

  @Endpoint(routes.getProfile)
  async getProfile(@Context() context: CallContext): Promise<RouteOutput<typeof routes.getProfile>> {
    const { profile } = await this.identity.call(context, (identity, metadata) => identity.getProfile({}, metadata));
    return profileOf(profile);
  }

  @Endpoint(routes.updateProfile)
  async updateProfile(@Input() { body }: RouteInput<typeof routes.updateProfile>, @Context() context: CallContext): Promise<RouteOutput<typeof routes.updateProfile>> {
    const request = { lastName: body.lastName, firstName: body.firstName, middleName: body.middleName, gender: genderOf(body.gender) };
    const { profile } = await this.identity.call(context, (identity, metadata) => identity.updateProfile(request, metadata));
    return profileOf(profile);
  }

  @Endpoint(routes.changePassword)
  async changePassword(@Input() { body }: RouteInput<typeof routes.changePassword>, @Context() context: CallContext): Promise<void> {
    await this.identity.call(context, (identity, metadata) => identity.changePassword(body, metadata));
  }

  @Endpoint(routes.requestPhoneConfirmation)
  async requestPhoneConfirmation(@Input() { body }: RouteInput<typeof routes.requestPhoneConfirmation>, @Context() context: CallContext): Promise<void> {
    await this.identity.call(context, (identity, metadata) => identity.requestPhoneConfirmation(body, metadata));
  }

  @Endpoint(routes.confirmPhone)
  async confirmPhone(@Input() { body }: RouteInput<typeof routes.confirmPhone>, @Context() context: CallContext): Promise<void> {
    await this.identity.call(context, (identity, metadata) => identity.confirmPhone(body, metadata));
  }

  @Endpoint(routes.createApiKey)
  async createApiKey(@Input() { body }: RouteInput<typeof routes.createApiKey>, @Context() context: CallContext): Promise<RouteOutput<typeof routes.createApiKey>> {
    const created = await this.identity.call(context, (identity, metadata) => identity.createApiKey(body, metadata));
    if (!created.apiKey) throw new Error('identity answered CreateApiKey without the key');
    return { apiKey: apiKeyOf(created.apiKey), secret: created.secret };
  }

  @Endpoint(routes.listApiKeys)
  async listApiKeys(@Context() context: CallContext): Promise<RouteOutput<typeof routes.listApiKeys>> {
    const { apiKeys } = await this.identity.call(context, (identity, metadata) => identity.listApiKeys({}, metadata));
    return { items: apiKeys.map(apiKeyOf), nextCursor: null };
  }

  @Endpoint(routes.revokeApiKey)
  async revokeApiKey(@Input() { params }: RouteInput<typeof routes.revokeApiKey>, @Context() context: CallContext): Promise<void> {
    await this.identity.call(context, (identity, metadata) => identity.revokeApiKey(params, metadata));
  }

  @Endpoint(routes.devOutbox)
  async devOutbox(@Input() { query }: RouteInput<typeof routes.devOutbox>, @Context() context: CallContext): Promise<RouteOutput<typeof routes.devOutbox>> {
    // Outside the embedded mode the route does not exist (identity would refuse it anyway).
    if (this.config.DEPLOYMENT !== 'embedded') throw new NotFoundException();
    const request = { recipient: query.recipient ?? '', limit: query.limit ?? 0 };
    const { messages } = await this.identity.call(context, (identity, metadata) => identity.listLocalOutbox(request, metadata));
    return { items: messages.map(outboxMessageOf), nextCursor: null };
  }

  private answerTokens(tokens: identityV1.Tokens | undefined, inCookie: boolean, request: FastifyRequest, reply: FastifyReply) {
    const answer = tokensOf(tokens, !inCookie);
    if (inCookie && tokens) writeRefreshCookie(reply, tokens.refreshToken, new Date(answer.refreshTokenExpiresAt), isHttps(request, this.config.TRUST_PROXY));
    return answer;
  }

  private refreshTokenRequired(request: FastifyRequest): GatewayProblem {
    const language = negotiateLanguage(request.headers['accept-language']);
    const message = say(gatewayMessages.refreshTokenRequired, language);
    return new GatewayProblem(422, 'INVALID_REQUEST', message, [{ field: 'refreshToken', code: 'REQUIRED', message }]);
  }
}
