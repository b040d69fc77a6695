import type { Pool } from 'pg';

export interface IdempotencyRequest {
  readonly accountId: string;
  readonly key: string;
  readonly fingerprint: string;
}

export type Claim =
  /** This request owns the key: run it, then complete or release. */
  | { readonly outcome: 'claimed' }
  /** The key's first request finished: answer what it answered. */
  | { readonly outcome: 'replay'; readonly status: number; readonly body: unknown }
  /** The key was used with a different request. */
  | { readonly outcome: 'mismatch' }
  /** The key's first request is still running. */
  | { readonly outcome: 'in-flight' };

export interface IdempotencyTimes {
  readonly now: Date;
  readonly ttlMs: number;
  readonly inFlightTimeoutMs: number;
}

const plus = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

/**
 * Idempotency keys in PostgreSQL (schema `gateway`), so every gateway replica sees the same claims.
 * A claim is one upsert: a new key, an expired one, or an abandoned claim of the same request is
 * taken; anything else is read back and decides the answer.
 */
export class PostgresIdempotencyStore {
  constructor(private readonly pool: Pool) {}

  async claim(request: IdempotencyRequest, times: IdempotencyTimes): Promise<Claim> {
    // The row can vanish between the upsert and the read (its first request failed and released
    // it); then the claim is simply tried again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const claimed = await this.pool.query(
        `INSERT INTO idempotency_keys (account_id, idempotency_key, fingerprint, state, locked_until, created_at, expires_at)
         VALUES ($1, $2, $3, 'in_flight', $5, $4, $6)
         ON CONFLICT (account_id, idempotency_key) DO UPDATE
           SET fingerprint = EXCLUDED.fingerprint, state = 'in_flight', response_status = NULL, response_body = NULL,
               locked_until = EXCLUDED.locked_until, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
           WHERE idempotency_keys.expires_at <= $4
              OR (idempotency_keys.state = 'in_flight' AND idempotency_keys.locked_until <= $4
                  AND idempotency_keys.fingerprint = EXCLUDED.fingerprint)
         RETURNING 1`,
        [request.accountId, request.key, request.fingerprint, times.now, plus(times.now, times.inFlightTimeoutMs), plus(times.now, times.ttlMs)],
      );
      if (claimed.rowCount === 1) return { outcome: 'claimed' };
      const { rows } = await this.pool.query<{ fingerprint: string; state: string; response_status: number | null; response_body: unknown }>(
        `SELECT fingerprint, state, response_status, response_body FROM idempotency_keys WHERE account_id = $1 AND idempotency_key = $2`,
        [request.accountId, request.key],
      );
      const [row] = rows;
      if (!row) continue;
      if (row.fingerprint !== request.fingerprint) return { outcome: 'mismatch' };
      if (row.state === 'in_flight' || row.response_status === null) return { outcome: 'in-flight' };
      return { outcome: 'replay', status: row.response_status, body: row.response_body };
    }
    return { outcome: 'in-flight' };
  }

  /** Records the answer of a claimed key's request. */
  async complete(request: IdempotencyRequest, status: number, body: unknown): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $4, response_body = $5::jsonb
        WHERE account_id = $1 AND idempotency_key = $2 AND fingerprint = $3 AND state = 'in_flight'`,
      [request.accountId, request.key, request.fingerprint, status, JSON.stringify(body ?? null)],
    );
  }

  /**
   * Gives a claimed key back after its request failed, so a retry runs it again: a refusal changed
   * nothing, and after a dependency outage the retry is exactly what the client should do.
   */
  async release(request: IdempotencyRequest): Promise<void> {
    await this.pool.query(
      `DELETE FROM idempotency_keys WHERE account_id = $1 AND idempotency_key = $2 AND fingerprint = $3 AND state = 'in_flight'`,
      [request.accountId, request.key, request.fingerprint],
    );
  }

  /** Deletes keys past their expiry; returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const { rowCount } = await this.pool.query(`DELETE FROM idempotency_keys WHERE expires_at <= $1`, [now]);
    return rowCount ?? 0;
  }
}
