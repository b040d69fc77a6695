import type { Pool } from 'pg';
import type { SimulationProfile, SimulationProfiles } from '../telephony/simulated/callee-behaviour';
import type { ConfiguredMix } from './simulation-mix';

export type StoredSimulation = { readonly projectId: string; readonly seed: number; readonly mix: ConfiguredMix };

/**
 * Projects' simulation settings in `call_control.simulation_profiles`. The simulated telephony
 * reads a project's profile at each originate, so a change applies to the next call, on every
 * instance, and survives a restart.
 */
export class PostgresSimulationProfiles implements SimulationProfiles {
  constructor(private readonly pool: Pool) {}

  async save(simulation: StoredSimulation, at: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO simulation_profiles (project_id, seed, mix, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id) DO UPDATE SET seed = EXCLUDED.seed, mix = EXCLUDED.mix, updated_at = EXCLUDED.updated_at`,
      [simulation.projectId, simulation.seed, JSON.stringify(simulation.mix), at],
    );
  }

  async find(projectId: string): Promise<StoredSimulation | undefined> {
    const { rows } = await this.pool.query<{ seed: string; mix: ConfiguredMix }>('SELECT seed, mix FROM simulation_profiles WHERE project_id = $1', [projectId]);
    const row = rows[0];
    return row ? { projectId, seed: Number(row.seed), mix: row.mix } : undefined;
  }

  async profileOf(projectId: string): Promise<SimulationProfile | undefined> {
    const stored = await this.find(projectId);
    return stored ? { seed: stored.seed, behaviour: stored.mix } : undefined;
  }
}
