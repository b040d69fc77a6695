import type { Migration } from '@zvonar/platform';

/**
 * The tables of `PostgresTrunkLimits`, in call-control's schema. Times are milliseconds on the
 * limits' clock (the database's, see the adapter), as bigint so slot arithmetic stays exact.
 */
export const trunkLimitsMigration: Migration = {
  id: '0004_create_trunk_limits',
  sql: `
    -- Each trunk's next free originate slot; last_reservation names the reservation that took the
    -- latest slot, so only that one can give it back (a second give-back finds nothing).
    CREATE TABLE trunk_pacing (
      trunk_id text PRIMARY KEY,
      next_slot_ms bigint NOT NULL,
      last_reservation uuid
    );
    -- One row per channel of a trunk (seat 0..channels-1). A seat is free when it holds no call or
    -- its holder (a replica) stopped renewing its lease; a call holds one seat at most.
    CREATE TABLE trunk_channels (
      trunk_id text NOT NULL,
      seat integer NOT NULL,
      call_id text,
      holder text,
      lease_until_ms bigint,
      PRIMARY KEY (trunk_id, seat)
    );
    CREATE UNIQUE INDEX trunk_channels_by_call ON trunk_channels (call_id) WHERE call_id IS NOT NULL;
    CREATE INDEX trunk_channels_by_holder ON trunk_channels (holder) WHERE holder IS NOT NULL;
    -- The round-robin turns handed out per caller-ID pool, across replicas.
    CREATE TABLE caller_id_turns (
      pool_id text PRIMARY KEY,
      turns bigint NOT NULL
    );`,
};
