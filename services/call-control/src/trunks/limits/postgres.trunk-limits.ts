import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { pacingIntervalMs } from '../domain';
import type { ChannelRequest, ChannelTake, ReservedSlot, SlotRequest, SlotReservation, TrunkLimits } from './trunk-limits.port';

export type PostgresTrunkLimitsOptions = {
  /** A pool on call-control's schema (the tables of `trunkLimitsMigration`). */
  readonly pool: Pool;
  /** This replica (its host id): the holder of the channels it takes. */
  readonly holderId: string;
  /** A channel whose holder stopped renewing for this long (wall ms) is free again. */
  readonly channelLeaseMs: number;
  /** Network ms per wall ms (simulated telephony faster than life); 1 on ARI. */
  readonly durationScale?: number;
  /** Specs only: the network time every replica reads instead of the database's clock. */
  readonly clock?: () => number;
};

/** SQLSTATE 23505: the call already holds a channel (`trunk_channels_by_call`). */
const isUniqueViolation = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** A bigint column or a number parameter as pg hands it back. */
const ms = (value: string | number): number => Number(value);

/**
 * The trunk limits shared by every call-control replica, in PostgreSQL. Each operation is one
 * statement, atomic under concurrency by the row locks PostgreSQL takes (READ COMMITTED re-reads a
 * row changed under it), so two replicas never take one slot, one channel or one turn.
 *
 * Whose clock: the database's (`clock_timestamp()`, times `durationScale`), read inside the very
 * statement that reserves. Replicas' clocks may disagree by more than a slot (NTP on pods drifts
 * tens of ms), and a slot computed on each pod's clock would let a pod running late fire into a
 * slot another pod already used. Here a reservation returns a wait (slot start minus the
 * database's now), which the replica counts on its own timer: only durations cross the wire, and
 * pods' clocks agree on durations. What remains is jitter: a reply that takes longer than another
 * (or a late timer) moves its originate later by that much, which can bring it closer to the next
 * one than the interval. Give a carrier whose cap is hard a little headroom in `callsPerSecond`.
 *
 * Channels are seats (`trunk_channels`, one row per channel, created on first use): a call takes a
 * free seat with `FOR UPDATE SKIP LOCKED`, its replica renews the lease of all its seats with its
 * heartbeat, and a seat whose lease ran out (its replica crashed or lost the database) is free for
 * anyone. Caller-ID turns are one counter per pool, incremented by an upsert.
 */
export class PostgresTrunkLimits implements TrunkLimits {
  /** Trunks whose rows exist (slots: the pacing row; channels: seats up to this many). */
  private readonly pacedTrunks = new Set<string>();
  private readonly seatedTrunks = new Map<string, number>();
  private readonly scale: number;

  constructor(private readonly options: PostgresTrunkLimitsOptions) {
    this.scale = options.durationScale ?? 1;
  }

  /** The `$n` parameter of "now" in network ms: the spec's clock, or NULL for the database's. */
  private clockParameter(): number | null {
    return this.options.clock === undefined ? null : Math.floor(this.options.clock());
  }

  /** SQL for now in network ms: parameter `$clock` when a clock was given, else the database's clock times `$scale`. */
  private static readonly NOW = (clock: number, scale: number) => `coalesce($${clock}::bigint, floor(extract(epoch FROM clock_timestamp()) * 1000 * $${scale}::float8)::bigint)`;

  async reserveSlot(request: SlotRequest): Promise<SlotReservation> {
    const intervalMs = pacingIntervalMs(request.callsPerSecond);
    const reservation = randomUUID();
    const maxWaitMs = Math.floor(request.maxWaitMs ?? Number.MAX_SAFE_INTEGER);
    const params = [request.trunkId, intervalMs, maxWaitMs, reservation, this.clockParameter(), this.scale];
    // The slot starts at the later of the trunk's next free slot and now; it is taken (next_slot
    // moves one interval on, this reservation is recorded) only if it starts within the wait
    // allowed. The reply tells which by the reservation recorded.
    const fits = 'greatest(p.next_slot_ms, c.now_ms) - c.now_ms <= $3';
    const sql = `
      UPDATE trunk_pacing p
      SET next_slot_ms = CASE WHEN ${fits} THEN greatest(p.next_slot_ms, c.now_ms) + $2 ELSE p.next_slot_ms END,
          last_reservation = CASE WHEN ${fits} THEN $4::uuid ELSE p.last_reservation END
      FROM (SELECT ${PostgresTrunkLimits.NOW(5, 6)} AS now_ms) c
      WHERE p.trunk_id = $1
      RETURNING p.next_slot_ms, c.now_ms, coalesce(p.last_reservation = $4::uuid, false) AS taken`;
    await this.ensurePacing(request.trunkId);
    const { rows } = await this.options.pool.query<{ next_slot_ms: string; now_ms: string; taken: boolean }>(sql, params);
    const row = rows[0];
    if (row === undefined) throw new Error(`trunk_pacing has no row for trunk ${request.trunkId}`);
    const next = ms(row.next_slot_ms);
    const now = ms(row.now_ms);
    if (!row.taken) return { kind: 'late', waitMs: Math.max(next, now) - now };
    const startMs = next - intervalMs;
    return { kind: 'reserved', waitMs: startMs - now, trunkId: request.trunkId, ticket: JSON.stringify({ reservation, startMs }) };
  }

  async releaseSlot(slot: ReservedSlot): Promise<void> {
    const { reservation, startMs } = JSON.parse(slot.ticket) as { reservation: string; startMs: number };
    await this.options.pool.query('UPDATE trunk_pacing SET next_slot_ms = $3, last_reservation = NULL WHERE trunk_id = $1 AND last_reservation = $2::uuid', [slot.trunkId, reservation, startMs]);
  }

  async takeChannel({ trunkId, callId, channels }: ChannelRequest): Promise<ChannelTake> {
    await this.ensureSeats(trunkId, channels);
    // `free` locks one free seat (skipping seats another replica is taking right now; a seat
    // changed meanwhile is checked again as it is now), `taken` gives it to the call unless the call
    // holds one already. Two replicas taking a seat for one call at once: the unique index stops one.
    const sql = `
      WITH c AS (SELECT ${PostgresTrunkLimits.NOW(5, 6)} AS now_ms),
      held AS (SELECT 1 FROM trunk_channels WHERE call_id = $2),
      free AS (
        SELECT f.trunk_id, f.seat FROM trunk_channels f, c
        WHERE f.trunk_id = $1 AND f.seat < $4 AND (f.call_id IS NULL OR f.lease_until_ms <= c.now_ms)
        ORDER BY f.seat LIMIT 1
        FOR UPDATE OF f SKIP LOCKED),
      taken AS (
        UPDATE trunk_channels s SET call_id = $2, holder = $3, lease_until_ms = c.now_ms + $7
        FROM free, c
        WHERE s.trunk_id = free.trunk_id AND s.seat = free.seat AND NOT EXISTS (SELECT 1 FROM held)
        RETURNING s.seat)
      SELECT EXISTS (SELECT 1 FROM held) AS held, EXISTS (SELECT 1 FROM taken) AS taken`;
    try {
      const { rows } = await this.options.pool.query<{ held: boolean; taken: boolean }>(sql, [trunkId, callId, this.options.holderId, channels, this.clockParameter(), this.scale, this.leaseMs()]);
      if (rows[0]?.held) return 'held';
      return rows[0]?.taken ? 'taken' : 'busy';
    } catch (error) {
      if (isUniqueViolation(error)) return 'held';
      throw error;
    }
  }

  async releaseChannel(callId: string): Promise<void> {
    await this.options.pool.query('UPDATE trunk_channels SET call_id = NULL, holder = NULL, lease_until_ms = NULL WHERE call_id = $1 AND holder = $2', [callId, this.options.holderId]);
  }

  /**
   * One statement for the channels of all live calls here. Only those: a channel whose release
   * failed is left to expire rather than renewed forever. A seat whose lease ran out before this
   * and that another replica took since is not taken back (its holder changed).
   */
  async renewChannels(callIds: readonly string[]): Promise<void> {
    if (callIds.length === 0) return;
    await this.options.pool.query(`UPDATE trunk_channels SET lease_until_ms = ${PostgresTrunkLimits.NOW(3, 4)} + $5 WHERE holder = $1 AND call_id = ANY($2::text[])`, [
      this.options.holderId,
      callIds,
      this.clockParameter(),
      this.scale,
      this.leaseMs(),
    ]);
  }

  async nextCallerIdTurn(poolId: string): Promise<number> {
    const { rows } = await this.options.pool.query<{ turn: string }>(
      `INSERT INTO caller_id_turns AS t (pool_id, turns) VALUES ($1, 1)
       ON CONFLICT (pool_id) DO UPDATE SET turns = t.turns + 1
       RETURNING t.turns - 1 AS turn`,
      [poolId],
    );
    return ms(rows[0]?.turn ?? 0);
  }

  /** The lease in network ms (the limits' clock runs `durationScale` times the wall). */
  private leaseMs(): number {
    return Math.ceil(this.options.channelLeaseMs * this.scale);
  }

  /** The trunk's pacing row, created idle on first use (once per process). */
  private async ensurePacing(trunkId: string): Promise<void> {
    if (this.pacedTrunks.has(trunkId)) return;
    await this.options.pool.query('INSERT INTO trunk_pacing (trunk_id, next_slot_ms) VALUES ($1, 0) ON CONFLICT (trunk_id) DO NOTHING', [trunkId]);
    this.pacedTrunks.add(trunkId);
  }

  /** Seats 0..channels-1 of the trunk, created on first use (and when its channels grow). */
  private async ensureSeats(trunkId: string, channels: number): Promise<void> {
    if ((this.seatedTrunks.get(trunkId) ?? 0) >= channels) return;
    await this.options.pool.query('INSERT INTO trunk_channels (trunk_id, seat) SELECT $1, generate_series(0, $2::integer - 1) ON CONFLICT (trunk_id, seat) DO NOTHING', [trunkId, channels]);
    this.seatedTrunks.set(trunkId, channels);
  }
}
