import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PG_POOL } from '@zvonar/platform';
import type { Pool } from 'pg';

/**
 * Records each start of the all-in-one process in its own schema. Cheap, and it shows at a
 * glance in /api/status that the embedded database kept its data across restarts.
 */
@Injectable()
export class StartLog implements OnApplicationBootstrap {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.pool.query('INSERT INTO process_starts (pid) VALUES ($1)', [process.pid]);
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ starts: number }>('SELECT count(*)::int AS starts FROM process_starts');
    return rows[0]?.starts ?? 0;
  }
}
