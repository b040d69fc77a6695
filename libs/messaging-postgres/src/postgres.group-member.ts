import { randomUUID } from 'node:crypto';
import {
  deadLetterOf,
  deliver,
  interruptiblePause,
  type IntegrationConsumer,
  type IntegrationMessage,
  type RetryPolicy,
  type SubscribeOptions,
} from '@zvonar/messaging';
import type { Wakeup } from '@zvonar/eventsourcing';
import type { Pool } from 'pg';
import { messageOf, type LogRow } from './postgres.bus-log';
import { atTheEdge } from './postgres.errors';
import { sweepAbandonedEphemeralGroups } from './postgres.ephemeral-groups';

export type MemberContext = {
  pool: Pool;
  schema: string;
  channel: string;
  doorbell: Wakeup;
  partitions: number;
  pollIntervalMs: number;
  /** How long an owner keeps a partition without renewing; a crashed member's partitions move after it. */
  leaseMs: number;
  /** How long an ephemeral group none of whose members heartbeats keeps its rows (see sweepAbandonedEphemeralGroups). */
  ephemeralGroupExpiryMs: number;
  batchSize: number;
  publish(messages: readonly IntegrationMessage[]): Promise<void>;
};

type OwnedPartition = { topic: string; partition: number; committed: bigint };

/**
 * One member of a consumer group on the embedded bus. Each round it heartbeats, derives its
 * share from the live members (partition p of a topic goes to member p mod n, ordered by id),
 * gives up partitions outside its share, claims those inside whose lease is free or expired, and
 * drains each owned partition in offset order. The lease is the only proof of ownership: every
 * offset commit is conditional on it, so two members never both move one partition.
 */
export class GroupMember<T> {
  readonly id = randomUUID();
  private stopping = false;
  private signalStop!: () => void;
  private readonly stopped = new Promise<void>((resolve) => (this.signalStop = resolve));
  private running: Promise<void> | undefined;
  private lastRebalance = 0;
  private owned: OwnedPartition[] = [];

  constructor(
    private readonly context: MemberContext,
    private readonly options: SubscribeOptions<T>,
    private readonly retry: RetryPolicy,
  ) {}

  async join(): Promise<IntegrationConsumer> {
    const { pool, schema } = this.context;
    await atTheEdge('SUBSCRIBE_FAILED', `Joining group ${this.options.group}`, async () => {
      // Registered before the group's rows exist, so a sweep never takes a joining group for an abandoned one.
      await this.heartbeat();
      await sweepAbandonedEphemeralGroups(pool, schema, this.context.ephemeralGroupExpiryMs);
      // A partition the group has no row for starts at its current head for 'latest': the head
      // row is read as last committed, so a publish still in flight gets an offset at or after it
      // and is delivered, while one that had resolved before is behind it. Existing rows are the
      // group's committed offsets and stay as they are.
      await pool.query(
        `INSERT INTO ${schema}.bus_group_partitions (group_id, topic, partition, committed_offset, ephemeral)
         SELECT $1, t, p, CASE WHEN $4 THEN COALESCE(h.next_offset, 0) ELSE 0 END, $5
         FROM unnest($2::text[]) t CROSS JOIN generate_series(0, $3 - 1) p
         LEFT JOIN ${schema}.bus_heads h ON h.topic = t AND h.partition = p
         ON CONFLICT DO NOTHING`,
        [this.options.group, this.options.topics, this.context.partitions, this.options.startAt === 'latest', this.options.ephemeral ?? false],
      );
      await this.rebalance();
      await this.notify();
      // Current owners give our share up on their next round (our notify wakes them); wait for it,
      // so that subscribe() resolving means this member takes part.
      const deadline = Date.now() + this.context.leaseMs + this.context.pollIntervalMs;
      while (!(await this.rebalance()) && Date.now() < deadline) await this.context.doorbell.wait(this.context.pollIntervalMs);
    });
    this.running = this.run();
    return { stop: () => this.stop() };
  }

  private async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.signalStop();
    await this.running;
    const { pool, schema } = this.context;
    await atTheEdge('BUS_UNAVAILABLE', `Leaving group ${this.options.group}`, async () => {
      await pool.query(`UPDATE ${schema}.bus_group_partitions SET owner = NULL, lease_until = NULL WHERE group_id = $1 AND owner = $2`, [this.options.group, this.id]);
      await pool.query(`DELETE FROM ${schema}.bus_group_members WHERE group_id = $1 AND member_id = $2`, [this.options.group, this.id]);
      if (this.options.ephemeral) await this.forgetGroupIfLast();
      await this.notify();
    });
  }

  /**
   * An ephemeral group's offsets go with its last live member. A member that joins meanwhile has
   * registered before inserting its rows (see join), so either it is counted here, or its rows
   * are inserted after this delete and it starts afresh.
   */
  private async forgetGroupIfLast(): Promise<void> {
    const { pool, schema, leaseMs } = this.context;
    await pool.query(
      `DELETE FROM ${schema}.bus_group_partitions
       WHERE group_id = $1
         AND NOT EXISTS (SELECT 1 FROM ${schema}.bus_group_members WHERE group_id = $1 AND heartbeat_at >= now() - $2 * interval '1 millisecond')`,
      [this.options.group, leaseMs],
    );
  }

  private async heartbeat(): Promise<void> {
    const { pool, schema } = this.context;
    // An upsert: a member presumed dead (a handler outran its lease) comes back as a new peer.
    await pool.query(
      `INSERT INTO ${schema}.bus_group_members (group_id, member_id, topics, heartbeat_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (group_id, member_id) DO UPDATE SET heartbeat_at = now()`,
      [this.options.group, this.id, this.options.topics],
    );
  }

  private notify(): Promise<unknown> {
    return this.context.pool.query('SELECT pg_notify($1, $2)', [this.context.channel, 'membership']);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const generation = this.context.doorbell.generation;
      let progressed = false;
      try {
        // Membership moves slowly; under a steady stream of publishes, re-deriving it every
        // round would cost four queries per batch for nothing.
        if (Date.now() - this.lastRebalance >= this.context.pollIntervalMs / 2) await this.rebalance();
        const drained = await Promise.all(this.owned.map((partition) => this.drain(partition)));
        progressed = drained.some(Boolean);
      } catch {
        // The database is unreachable or restarting: nothing was committed, so try again after a
        // poll interval and redeliver from the last committed offset.
        this.lastRebalance = 0;
      }
      if (!progressed && !this.stopping) await Promise.race([this.context.doorbell.wait(this.context.pollIntervalMs, generation), this.stopped]);
    }
  }

  /** One heartbeat-and-claim round; true when this member owns its whole share. */
  private async rebalance(): Promise<boolean> {
    const { pool, schema, partitions, leaseMs } = this.context;
    const group = this.options.group;
    this.lastRebalance = Date.now();
    await this.heartbeat();
    await pool.query(`DELETE FROM ${schema}.bus_group_members WHERE group_id = $1 AND heartbeat_at < now() - $2 * interval '1 millisecond'`, [group, leaseMs]);
    const { rows: members } = await pool.query<{ member_id: string; topics: string[] }>(
      `SELECT member_id, topics FROM ${schema}.bus_group_members WHERE group_id = $1 ORDER BY member_id`,
      [group],
    );
    const share = { topics: [] as string[], partitions: [] as number[] };
    for (const topic of this.options.topics) {
      const peers = members.filter((member) => member.topics.includes(topic)).map((member) => member.member_id);
      const index = peers.indexOf(this.id);
      if (index < 0) continue;
      for (let partition = index; partition < partitions; partition += peers.length) {
        share.topics.push(topic);
        share.partitions.push(partition);
      }
    }
    const released = await pool.query(
      `UPDATE ${schema}.bus_group_partitions gp SET owner = NULL, lease_until = NULL
       WHERE gp.group_id = $1 AND gp.owner = $2
         AND NOT EXISTS (SELECT 1 FROM unnest($3::text[], $4::int[]) s(topic, partition) WHERE s.topic = gp.topic AND s.partition = gp.partition)`,
      [group, this.id, share.topics, share.partitions],
    );
    if ((released.rowCount ?? 0) > 0) await this.notify();
    const { rows } = await pool.query<{ topic: string; partition: number; committed_offset: string }>(
      `UPDATE ${schema}.bus_group_partitions gp SET owner = $2, lease_until = now() + $5 * interval '1 millisecond'
       FROM unnest($3::text[], $4::int[]) s(topic, partition)
       WHERE gp.group_id = $1 AND gp.topic = s.topic AND gp.partition = s.partition
         AND (gp.owner IS NULL OR gp.owner = $2 OR gp.lease_until < now())
       RETURNING gp.topic, gp.partition, gp.committed_offset`,
      [group, this.id, share.topics, share.partitions, leaseMs],
    );
    this.owned = rows.map((row) => ({ topic: row.topic, partition: row.partition, committed: BigInt(row.committed_offset) }));
    return rows.length === share.partitions.length;
  }

  /** Delivers the next batch of one owned partition in order; true when it handled anything. */
  private async drain(owned: OwnedPartition): Promise<boolean> {
    const { pool, schema, batchSize } = this.context;
    const { rows } = await pool.query<LogRow>(
      `SELECT topic, partition, "offset", message_id, key, type, payload, occurred_at, headers
       FROM ${schema}.bus_log WHERE topic = $1 AND partition = $2 AND "offset" >= $3 ORDER BY "offset" LIMIT $4`,
      [owned.topic, owned.partition, owned.committed.toString(), batchSize],
    );
    let handled = false;
    for (const row of rows) {
      if (this.stopping) break;
      const message = messageOf(row);
      const coordinates = { topic: row.topic, partition: row.partition, offset: row.offset };
      const outcome = await deliver(message, coordinates, {
        decode: this.options.decode,
        handle: this.options.handle,
        retry: this.retry,
        isStopping: () => this.stopping,
        pause: interruptiblePause(this.stopped),
      });
      if (outcome.kind === 'aborted') break;
      if (outcome.kind === 'dead-letter') {
        await this.context.publish([deadLetterOf(message, { reason: outcome.reason, group: this.options.group, coordinates, attempts: outcome.attempts })]);
      }
      const next = BigInt(row.offset) + 1n;
      const commit = await pool.query(
        `UPDATE ${schema}.bus_group_partitions SET committed_offset = $5, lease_until = now() + $6 * interval '1 millisecond'
         WHERE group_id = $1 AND topic = $2 AND partition = $3 AND owner = $4`,
        [this.options.group, owned.topic, owned.partition, this.id, next.toString(), this.context.leaseMs],
      );
      // Lost the lease (we were presumed dead): the new owner redelivers from its committed offset.
      if (commit.rowCount === 0) {
        this.owned = this.owned.filter((partition) => partition !== owned);
        return handled;
      }
      owned.committed = next;
      handled = true;
    }
    return handled;
  }
}
