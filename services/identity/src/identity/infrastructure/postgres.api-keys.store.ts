import type { Pool } from 'pg';
import type { ApiKeyRecord, ApiKeysStore } from '../application/api-keys.port';
import { apiKeyRevoked } from '../domain/credentials-change';
import type { CredentialsChangesOutbox } from './credentials-changes.outbox';

type ApiKeyRow = {
  api_key_id: string;
  user_id: string;
  account_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
};

const toKey = (row: ApiKeyRow): ApiKeyRecord => ({
  apiKeyId: row.api_key_id,
  userId: row.user_id,
  accountId: row.account_id,
  name: row.name,
  prefix: row.prefix,
  secretHash: row.secret_hash,
  scopes: row.scopes,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

export class PostgresApiKeysStore implements ApiKeysStore {
  constructor(
    private readonly pool: Pool,
    private readonly changes: CredentialsChangesOutbox,
  ) {}

  async insert(key: ApiKeyRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO api_keys (api_key_id, user_id, account_id, name, prefix, secret_hash, scopes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [key.apiKeyId, key.userId, key.accountId, key.name, key.prefix, key.secretHash, key.scopes, key.createdAt],
    );
  }

  async listByAccount(accountId: string): Promise<ApiKeyRecord[]> {
    const { rows } = await this.pool.query<ApiKeyRow>('SELECT * FROM api_keys WHERE account_id = $1 ORDER BY created_at DESC, api_key_id DESC', [accountId]);
    return rows.map(toKey);
  }

  async findByPrefix(prefix: string): Promise<(ApiKeyRecord & { ownerEmailConfirmed: boolean; ownerEmail: string }) | undefined> {
    const { rows } = await this.pool.query<ApiKeyRow & { owner_email_confirmed: boolean; owner_email: string }>(
      'SELECT k.*, u.email_confirmed_at IS NOT NULL AS owner_email_confirmed, u.email AS owner_email FROM api_keys k JOIN users u USING (user_id) WHERE k.prefix = $1',
      [prefix],
    );
    return rows[0] && { ...toKey(rows[0]), ownerEmailConfirmed: rows[0].owner_email_confirmed, ownerEmail: rows[0].owner_email.toLowerCase() };
  }

  /** Revoking a revoked key succeeds and changes nothing, so only the first revocation is announced. */
  revoke(accountId: string, apiKeyId: string, now: Date): Promise<boolean> {
    return this.changes.inTransaction(async (tx) => {
      const { rows } = await tx.query<{ user_id: string; revoked_at: Date | null }>(
        'SELECT user_id, revoked_at FROM api_keys WHERE account_id = $1 AND api_key_id = $2 FOR UPDATE',
        [accountId, apiKeyId],
      );
      const key = rows[0];
      if (!key) return { result: false, changes: [] };
      if (key.revoked_at) return { result: true, changes: [] };
      await tx.query('UPDATE api_keys SET revoked_at = $2 WHERE api_key_id = $1', [apiKeyId, now]);
      return { result: true, changes: [apiKeyRevoked({ userId: key.user_id, accountId }, apiKeyId, now)] };
    });
  }
}
