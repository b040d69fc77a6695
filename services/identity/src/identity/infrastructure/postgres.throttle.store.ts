import type { Pool } from 'pg';
import type { ThrottleState } from '../domain/lockout-policy';
import type { ThrottleStore } from '../application/throttle.port';
import { inTransaction } from './postgres.transaction';

type ThrottleRow = { throttle_key: string; failures: number; window_started_at: Date; locked_until: Date | null };

const toState = (row: ThrottleRow): ThrottleState => ({ failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until });

export class PostgresThrottleStore implements ThrottleStore {
  constructor(private readonly pool: Pool) {}

  async read(keys: readonly string[]): Promise<ReadonlyMap<string, ThrottleState>> {
    const { rows } = await this.pool.query<ThrottleRow>('SELECT * FROM login_throttle WHERE throttle_key = ANY($1::text[])', [keys]);
    return new Map(rows.map((row) => [row.throttle_key, toState(row)]));
  }

  update(key: string, next: (state: ThrottleState | undefined) => ThrottleState): Promise<void> {
    return inTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<ThrottleRow>('SELECT * FROM login_throttle WHERE throttle_key = $1 FOR UPDATE', [key]);
      const state = next(rows[0] && toState(rows[0]));
      // ON CONFLICT covers the first failure of a key racing another first failure.
      await tx.query(
        `INSERT INTO login_throttle (throttle_key, failures, window_started_at, locked_until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (throttle_key) DO UPDATE SET failures = EXCLUDED.failures, window_started_at = EXCLUDED.window_started_at, locked_until = EXCLUDED.locked_until`,
        [key, state.failures, state.windowStartedAt, state.lockedUntil],
      );
    });
  }

  async clear(key: string): Promise<void> {
    await this.pool.query('DELETE FROM login_throttle WHERE throttle_key = $1', [key]);
  }
}
