import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on a pooled client: COMMIT when it resolves, ROLLBACK when it
 * throws. While checked out, a client has no error listener of the pool's: a connection the server
 * drops (restart, failover) would emit an unhandled 'error' and end the process. The listener here
 * keeps the error for the caller's rejected query and hands the broken client back for disposal.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let connectionError: Error | undefined;
  const onConnectionError = (error: Error) => {
    connectionError = error;
  };
  client.on('error', onConnectionError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onConnectionError);
    // release(error) destroys the client instead of returning a dead connection to the pool.
    client.release(connectionError);
  }
}
