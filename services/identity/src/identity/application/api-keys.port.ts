export type ApiKeyRecord = {
  readonly apiKeyId: string;
  readonly userId: string;
  readonly accountId: string;
  readonly name: string;
  readonly prefix: string;
  readonly secretHash: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
};

export interface ApiKeysStore {
  insert(key: ApiKeyRecord): Promise<void>;
  listByAccount(accountId: string): Promise<ApiKeyRecord[]>;
  /** The key with whether its creator's email is confirmed (reported in the principal). */
  findByPrefix(prefix: string): Promise<(ApiKeyRecord & { readonly ownerEmailConfirmed: boolean; readonly ownerEmail: string }) | undefined>;
  /** False when the account has no such key (another account's key included). */
  revoke(accountId: string, apiKeyId: string, now: Date): Promise<boolean>;
}
