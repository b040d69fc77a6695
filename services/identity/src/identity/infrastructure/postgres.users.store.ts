import type { Pool, PoolClient } from 'pg';
import type { Gender, ProfileNames } from '../domain/profile';
import { principalChanged, type CredentialsChange } from '../domain/credentials-change';
import { isRole } from '../domain/roles';
import type { CodePurpose, IssuedCode, NewUser, StoredCode, UserRecord, UsersStore } from '../application/users.port';
import type { CredentialsChangesOutbox } from './credentials-changes.outbox';
import { inTransaction, isUniqueViolation } from './postgres.transaction';

type UserRow = {
  user_id: string;
  account_id: string;
  email: string;
  email_confirmed_at: Date | null;
  phone: string | null;
  phone_confirmed_at: Date | null;
  password_hash: string;
  roles: string[];
  last_name: string;
  first_name: string;
  middle_name: string;
  gender: Gender | null;
  registered_at: Date;
};

const toUser = (row: UserRow): UserRecord => ({
  userId: row.user_id,
  accountId: row.account_id,
  email: row.email,
  emailConfirmedAt: row.email_confirmed_at,
  phone: row.phone,
  phoneConfirmedAt: row.phone_confirmed_at,
  passwordHash: row.password_hash,
  roles: row.roles.filter(isRole),
  names: { lastName: row.last_name, firstName: row.first_name, middleName: row.middle_name },
  gender: row.gender,
  registeredAt: row.registered_at,
});

/** Writes UserRegistered to the outbox inside the registering transaction. */
export type UserRegisteredWriter = (tx: PoolClient, user: NewUser) => Promise<void>;

export class PostgresUsersStore implements UsersStore {
  constructor(
    private readonly pool: Pool,
    private readonly writeUserRegistered: UserRegisteredWriter,
    private readonly changes: CredentialsChangesOutbox,
    /** Called after a registration committed, so the outbox forwarder looks at once. */
    private readonly committed: () => void = () => undefined,
  ) {}

  async register(user: NewUser, code: IssuedCode): Promise<boolean> {
    try {
      await inTransaction(this.pool, async (tx) => {
        await tx.query(
          `INSERT INTO users (user_id, account_id, email, password_hash, password_changed_at, promo_code, consent_text_version, consent_accepted_at, registered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $5, $5)`,
          [user.userId, user.accountId, user.email, user.passwordHash, user.registeredAt, user.promoCode, user.consentTextVersion],
        );
        await upsertCode(tx, user.userId, code, user.registeredAt);
        await this.writeUserRegistered(tx, user);
      });
      this.committed();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE email = $1', [email]);
    return rows[0] && toUser(rows[0]);
  }

  async findById(userId: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE user_id = $1', [userId]);
    return rows[0] && toUser(rows[0]);
  }

  async updateProfile(userId: string, names: ProfileNames, gender: Gender | null): Promise<void> {
    await this.pool.query('UPDATE users SET last_name = $2, first_name = $3, middle_name = $4, gender = $5 WHERE user_id = $1', [
      userId,
      names.lastName,
      names.firstName,
      names.middleName,
      gender,
    ]);
  }

  async issueCode(userId: string, code: IssuedCode, now: Date): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      await upsertCode(tx, userId, code, now);
      if (code.purpose === 'phone') await tx.query('UPDATE users SET phone = $2, phone_confirmed_at = NULL WHERE user_id = $1', [userId, code.target]);
    });
  }

  async findCode(userId: string, purpose: CodePurpose): Promise<StoredCode | undefined> {
    const { rows } = await this.pool.query<{ code_hash: string; target: string; expires_at: Date; consumed_at: Date | null; failed_attempts: number }>(
      'SELECT code_hash, target, expires_at, consumed_at, failed_attempts FROM confirmation_codes WHERE user_id = $1 AND purpose = $2',
      [userId, purpose],
    );
    const row = rows[0];
    return row && { codeHash: row.code_hash, target: row.target, expiresAt: row.expires_at, consumedAt: row.consumed_at, failedAttempts: row.failed_attempts };
  }

  async recordCodeFailure(userId: string, purpose: CodePurpose): Promise<void> {
    await this.pool.query('UPDATE confirmation_codes SET failed_attempts = failed_attempts + 1 WHERE user_id = $1 AND purpose = $2', [userId, purpose]);
  }

  /** A confirmed email changes what the user's principals carry; a phone is not in a principal. */
  confirmCode(userId: string, purpose: CodePurpose, now: Date): Promise<boolean> {
    return this.changes.inTransaction(async (tx) => {
      const { rows } = await tx.query<{ target: string }>(
        'UPDATE confirmation_codes SET consumed_at = $3 WHERE user_id = $1 AND purpose = $2 AND consumed_at IS NULL RETURNING target',
        [userId, purpose, now],
      );
      const target = rows[0]?.target;
      if (target === undefined) return { result: false, changes: [] };
      if (purpose === 'phone') {
        await tx.query('UPDATE users SET phone = $3, phone_confirmed_at = $2 WHERE user_id = $1', [userId, now, target]);
        return { result: true, changes: [] };
      }
      // The first confirmation stands: confirming a confirmed email again changes nothing to announce.
      const confirmed = await tx.query<{ account_id: string }>(
        'UPDATE users SET email_confirmed_at = $2 WHERE user_id = $1 AND email = $3 AND email_confirmed_at IS NULL RETURNING account_id',
        [userId, now, target],
      );
      const accountId = confirmed.rows[0]?.account_id;
      const changes: CredentialsChange[] = accountId === undefined ? [] : [principalChanged({ userId, accountId }, 'EmailConfirmed', now)];
      return { result: true, changes };
    });
  }
}

async function upsertCode(tx: PoolClient, userId: string, code: IssuedCode, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO confirmation_codes (user_id, purpose, code_hash, target, expires_at, issued_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id, purpose) DO UPDATE SET code_hash = EXCLUDED.code_hash, target = EXCLUDED.target,
       expires_at = EXCLUDED.expires_at, issued_at = EXCLUDED.issued_at, failed_attempts = 0, consumed_at = NULL`,
    [userId, code.purpose, code.codeHash, code.target, code.expiresAt, now],
  );
}
