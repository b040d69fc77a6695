import type { Pool, PoolClient } from 'pg';
import type { CredentialsStore, StoredReset } from '../application/credentials.port';
import { allSessionsEnded } from '../domain/credentials-change';
import type { CredentialsChangesOutbox, WithChanges } from './credentials-changes.outbox';

/**
 * Ends every live session of a user (but `keep`), in the caller's transaction; answers how many
 * ended and, when any did, the AllSessionsEnded to announce with them.
 */
export async function revokeFamiliesOf(tx: PoolClient, userId: string, reason: string, now: Date, keep = ''): Promise<WithChanges<number>> {
  const { rows } = await tx.query<{ family_id: string; account_id: string }>(
    `UPDATE session_families f SET revoked_at = $2, revoke_reason = $3 FROM users u
      WHERE u.user_id = f.user_id AND f.user_id = $1 AND f.revoked_at IS NULL AND f.family_id <> $4
      RETURNING f.family_id, u.account_id`,
    [userId, now, reason, keep],
  );
  const accountId = rows[0]?.account_id;
  const changes = accountId === undefined ? [] : [allSessionsEnded({ userId, accountId }, rows.map((row) => row.family_id), now)];
  return { result: rows.length, changes };
}

export class PostgresCredentialsStore implements CredentialsStore {
  constructor(
    private readonly pool: Pool,
    private readonly changes: CredentialsChangesOutbox,
  ) {}

  changePassword(userId: string, passwordHash: string, now: Date, keepFamilyId?: string): Promise<void> {
    return this.changes.inTransaction(async (tx) => {
      await tx.query('UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE user_id = $1', [userId, passwordHash, now]);
      const { changes } = await revokeFamiliesOf(tx, userId, 'PasswordChanged', now, keepFamilyId);
      return { result: undefined, changes };
    });
  }

  async issueReset(tokenHash: string, userId: string, expiresAt: Date, now: Date): Promise<void> {
    await this.pool.query('INSERT INTO password_resets (token_hash, user_id, expires_at, issued_at) VALUES ($1, $2, $3, $4)', [tokenHash, userId, expiresAt, now]);
  }

  async findReset(tokenHash: string): Promise<StoredReset | undefined> {
    const { rows } = await this.pool.query<{ user_id: string; email: string; expires_at: Date; used_at: Date | null }>(
      'SELECT r.user_id, u.email, r.expires_at, r.used_at FROM password_resets r JOIN users u USING (user_id) WHERE r.token_hash = $1',
      [tokenHash],
    );
    const row = rows[0];
    return row && { userId: row.user_id, email: row.email, expiresAt: row.expires_at, consumedAt: row.used_at, failedAttempts: 0 };
  }

  completeReset(tokenHash: string, passwordHash: string, now: Date): Promise<boolean> {
    return this.changes.inTransaction(async (tx) => {
      const { rows } = await tx.query<{ user_id: string }>(
        'UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING user_id',
        [tokenHash, now],
      );
      const userId = rows[0]?.user_id;
      if (!userId) return { result: false, changes: [] };
      await tx.query('UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE user_id = $1', [userId, passwordHash, now]);
      // Any other link still out there dies with this one.
      await tx.query('UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL', [userId, now]);
      const { changes } = await revokeFamiliesOf(tx, userId, 'PasswordReset', now);
      return { result: true, changes };
    });
  }
}
