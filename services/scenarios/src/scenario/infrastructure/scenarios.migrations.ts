import type { Migration } from '@zvonar/platform';

/** The scenarios schema. Never edit an applied migration: add the next one. */
export const scenariosMigrations: readonly Migration[] = [
  {
    id: '0001_create_scenarios',
    // json, not jsonb: the editor gets its document back with the key order it saved.
    sql: `
      CREATE TABLE scenarios (
        scenario_id text PRIMARY KEY,
        project_id text NOT NULL,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('Active', 'Archived')),
        draft json NOT NULL,
        draft_revision integer NOT NULL CHECK (draft_revision >= 1),
        latest_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX scenarios_by_project ON scenarios (project_id, scenario_id);`,
  },
  {
    id: '0002_create_scenario_versions',
    sql: `
      CREATE TABLE scenario_versions (
        scenario_id text NOT NULL REFERENCES scenarios (scenario_id),
        version integer NOT NULL CHECK (version >= 1),
        graph json NOT NULL,
        draft_revision integer NOT NULL,
        node_count integer NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (scenario_id, version)
      );
      -- Campaigns pin versions: a published version must never change under them.
      CREATE FUNCTION scenario_versions_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'scenario versions are immutable';
      END $$;
      CREATE TRIGGER scenario_versions_are_immutable BEFORE UPDATE OR DELETE ON scenario_versions
        FOR EACH ROW EXECUTE FUNCTION scenario_versions_are_immutable();`,
  },
  {
    id: '0003_create_outbox',
    sql: `
      -- Integration events written in the transaction of the change they announce; the relay
      -- publishes them to the bus and marks them, so a crash republishes instead of losing one.
      CREATE TABLE outbox (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        message_id text NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        type text NOT NULL,
        payload bytea NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        published_at timestamptz
      );
      CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL;`,
  },
];
