import type { Pool } from 'pg';
import type { RefreshTokenRecord, SessionFamily } from '../domain/refresh-family';
import { sessionEnded } from '../domain/credentials-change';
import { isRole } from '../domain/roles';
import type { NewRefreshToken, SessionOwner, SessionsStore } from '../application/sessions.port';
import type { CredentialsChangesOutbox } from './credentials-changes.outbox';
import { revokeFamiliesOf } from './postgres.credentials.store';
import { inTransaction } from './postgres.transaction';

export class PostgresSessionsStore implements SessionsStore {
  constructor(
    private readonly pool: Pool,
    private readonly changes: CredentialsChangesOutbox,
  ) {}

  startFamily(familyId: string, userId: string, first: NewRefreshToken, now: Date): Promise<void> {
    return inTransaction(this.pool, async (tx) => {
      await tx.query('INSERT INTO session_families (family_id, user_id, started_at) VALUES ($1, $2, $3)', [familyId, userId, now]);
      await tx.query('INSERT INTO refresh_tokens (token_hash, family_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)', [first.tokenHash, familyId, now, first.expiresAt]);
    });
  }

  async findToken(tokenHash: string): Promise<{ token: RefreshTokenRecord; family: SessionFamily } | undefined> {
    const { rows } = await this.pool.query<{ family_id: string; user_id: string; expires_at: Date; rotated_at: Date | null; revoked_at: Date | null }>(
      `SELECT t.family_id, f.user_id, t.expires_at, t.rotated_at, f.revoked_at
         FROM refresh_tokens t JOIN session_families f USING (family_id) WHERE t.token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    return (
      row && {
        token: { familyId: row.family_id, expiresAt: row.expires_at, rotatedAt: row.rotated_at },
        family: { familyId: row.family_id, userId: row.user_id, revokedAt: row.revoked_at },
      }
    );
  }

  rotate(oldTokenHash: string, next: NewRefreshToken, now: Date): Promise<boolean> {
    return inTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ family_id: string }>(
        'UPDATE refresh_tokens SET rotated_at = $2 WHERE token_hash = $1 AND rotated_at IS NULL RETURNING family_id',
        [oldTokenHash, now],
      );
      const familyId = rows[0]?.family_id;
      if (!familyId) return false;
      await tx.query('INSERT INTO refresh_tokens (token_hash, family_id, issued_at, expires_at) VALUES ($1, $2, $3, $4)', [next.tokenHash, familyId, now, next.expiresAt]);
      return true;
    });
  }

  /** Announces SessionEnded only when this call ended the family: a revoked one stays as it was. */
  revokeFamily(familyId: string, reason: string, now: Date): Promise<void> {
    return this.changes.inTransaction(async (tx) => {
      const { rows } = await tx.query<{ user_id: string; account_id: string }>(
        `UPDATE session_families f SET revoked_at = $2, revoke_reason = $3 FROM users u
          WHERE u.user_id = f.user_id AND f.family_id = $1 AND f.revoked_at IS NULL
          RETURNING f.user_id, u.account_id`,
        [familyId, now, reason],
      );
      const owner = rows[0];
      return { result: undefined, changes: owner ? [sessionEnded({ userId: owner.user_id, accountId: owner.account_id }, familyId, now)] : [] };
    });
  }

  revokeAllOf(userId: string, reason: string, now: Date): Promise<number> {
    return this.changes.inTransaction((tx) => revokeFamiliesOf(tx, userId, reason, now));
  }

  async ownerOfLiveFamily(familyId: string): Promise<SessionOwner | undefined> {
    const { rows } = await this.pool.query<{ user_id: string; account_id: string; roles: string[]; email_confirmed_at: Date | null; email: string }>(
      `SELECT u.user_id, u.account_id, u.roles, u.email_confirmed_at, u.email
         FROM session_families f JOIN users u USING (user_id) WHERE f.family_id = $1 AND f.revoked_at IS NULL`,
      [familyId],
    );
    const row = rows[0];
    return row && { userId: row.user_id, accountId: row.account_id, roles: row.roles.filter(isRole), emailConfirmed: row.email_confirmed_at !== null, email: row.email.toLowerCase() };
  }
}
