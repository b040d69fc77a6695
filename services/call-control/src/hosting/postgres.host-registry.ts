import type { Pool } from 'pg';

/**
 * Which call-control processes are alive, by heartbeat in `call_control.hosts` (the database's
 * clock, so hosts' clocks never disagree). A call belongs to the process that placed it; others
 * end it only once that process stopped beating.
 */
export class PostgresHostRegistry {
  constructor(
    private readonly pool: Pool,
    private readonly hostId: string,
    /** A host silent for longer is gone. */
    private readonly ttlMs: number,
  ) {}

  async beat(): Promise<void> {
    await this.pool.query('INSERT INTO hosts (host_id, heartbeat_at) VALUES ($1, now()) ON CONFLICT (host_id) DO UPDATE SET heartbeat_at = now()', [this.hostId]);
  }

  /** Leaving on purpose: what this host leaves open is for the others to end at once. */
  async leave(): Promise<void> {
    await this.pool.query('DELETE FROM hosts WHERE host_id = $1', [this.hostId]);
  }

  async aliveHosts(): Promise<ReadonlySet<string>> {
    const { rows } = await this.pool.query<{ host_id: string }>("SELECT host_id FROM hosts WHERE heartbeat_at > now() - make_interval(secs => $1::double precision / 1000)", [this.ttlMs]);
    return new Set(rows.map((row) => row.host_id));
  }

  /** Open calls (as the calls table knows them) whose host is gone, oldest first. */
  async orphanedCalls(limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ call_id: string }>(
      `SELECT call_id FROM calls
       WHERE open AND (host_id IS NULL OR host_id NOT IN (SELECT host_id FROM hosts WHERE heartbeat_at > now() - make_interval(secs => $1::double precision / 1000)))
       ORDER BY requested_at LIMIT $2`,
      [this.ttlMs, limit],
    );
    return rows.map((row) => row.call_id);
  }
}
