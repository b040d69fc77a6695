import type { Migration } from '@zvonar/platform';

export const allInOneMigrations: readonly Migration[] = [
  {
    id: '0001_create_process_starts',
    sql: `CREATE TABLE process_starts (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            pid integer NOT NULL,
            started_at timestamptz NOT NULL DEFAULT now()
          )`,
  },
];
