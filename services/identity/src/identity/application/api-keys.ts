import { Inject, Injectable } from '@nestjs/common';
import type { Clock, IdGenerator } from '@zvonar/platform';
import { ID_GENERATOR } from '@zvonar/platform';
import { API_KEYS_STORE, IDENTITY_CLOCK, SECRETS } from '../../identity.di-tokens';
import { apiKeyViolations, formatApiKey } from '../domain/api-key-policy';
import { assertValid, IdentityRefusal } from '../domain/identity.errors';
import type { ApiKeyRecord, ApiKeysStore } from './api-keys.port';
import type { Secrets } from './crypto.port';
import type { Principal } from './principal';

/** Partner API keys of an account: created by a signed-in user, shown once, stored as a hash. */
@Injectable()
export class ApiKeys {
  constructor(
    @Inject(API_KEYS_STORE) private readonly keys: ApiKeysStore,
    @Inject(SECRETS) private readonly secrets: Secrets,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async create(principal: Principal, name: string, scopes: readonly string[]): Promise<{ key: ApiKeyRecord; secret: string }> {
    assertValid(apiKeyViolations(name, scopes));
    const prefix = this.secrets.keyPrefix();
    const secret = formatApiKey(prefix, this.secrets.token());
    const key: ApiKeyRecord = {
      apiKeyId: this.ids.next(),
      userId: principal.userId,
      accountId: principal.accountId,
      name: name.trim(),
      prefix,
      secretHash: this.secrets.digest(secret),
      scopes: [...new Set(scopes)],
      createdAt: this.clock.now(),
      revokedAt: null,
    };
    await this.keys.insert(key);
    return { key, secret };
  }

  list(principal: Principal): Promise<ApiKeyRecord[]> {
    return this.keys.listByAccount(principal.accountId);
  }

  async revoke(principal: Principal, apiKeyId: string): Promise<void> {
    if (!(await this.keys.revoke(principal.accountId, apiKeyId, this.clock.now()))) throw new IdentityRefusal('not-found', 'API_KEY_NOT_FOUND');
  }
}
