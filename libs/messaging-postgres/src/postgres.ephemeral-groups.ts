import type { Pool } from 'pg';

/**
 * Removes what ephemeral groups left behind when their process died without stop(): their
 * offsets, once none of their members has heartbeated for `expiryMs`, and member rows silent for
 * as long (members of every group count a peer dead after one lease already, so `expiryMs` is at
 * least the lease). Every subscribe runs it: a replica that restarts under a new group name
 * sweeps its predecessor's rows. A group that is still joining has registered its member first,
 * so it is never taken for an abandoned one.
 */
export async function sweepAbandonedEphemeralGroups(pool: Pool, schema: string, expiryMs: number): Promise<void> {
  await pool.query(
    `DELETE FROM ${schema}.bus_group_partitions gp
     WHERE gp.ephemeral
       AND NOT EXISTS (
         SELECT 1 FROM ${schema}.bus_group_members m
         WHERE m.group_id = gp.group_id AND m.heartbeat_at >= now() - $1 * interval '1 millisecond')`,
    [expiryMs],
  );
  await pool.query(`DELETE FROM ${schema}.bus_group_members WHERE heartbeat_at < now() - $1 * interval '1 millisecond'`, [expiryMs]);
}
