import type { Pool } from 'pg';

/** A held session lock: released (or lost with its connection) when its holder stops. */
export type SessionLockHold = { release(): Promise<void> };

/**
 * A PostgreSQL session advisory lock on `key`, held on a connection of its own, outside any
 * transaction (so it holds no snapshot back), for as long as its holder runs a piece of background
 * work; null when another session holds it. A process that dies loses it with its connection, so the
 * work is free for the next runner.
 */
export async function trySessionLock(pool: Pool, key: string): Promise<SessionLockHold | null> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [key]);
    if (rows[0]?.locked !== true) {
      client.release();
      return null;
    }
  } catch (error) {
    client.release(true);
    throw error;
  }
  return {
    release: async () => {
      try {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        client.release();
      } catch {
        // The connection goes, and the lock with it.
        client.release(true);
      }
    },
  };
}
