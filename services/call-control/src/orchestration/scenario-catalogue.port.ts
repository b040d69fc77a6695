import type { ScenarioVersion } from '@zvonar/scenario-runtime';
import type { ScenarioRef } from '../call/domain';

/** Published, immutable scenario versions (from the scenarios service; cached, since versions never change). */
export interface ScenarioCatalogue {
  find(ref: ScenarioRef): Promise<ScenarioVersion | undefined>;
}

/** Versions held in memory: the embedded demo's seed data and tests. */
export class InMemoryScenarioCatalogue implements ScenarioCatalogue {
  private readonly versions = new Map<string, ScenarioVersion>();

  constructor(versions: readonly ScenarioVersion[] = []) {
    for (const version of versions) this.add(version);
  }

  add(version: ScenarioVersion): void {
    this.versions.set(`${version.scenarioId}@${version.version}`, version);
  }

  async find(ref: ScenarioRef): Promise<ScenarioVersion | undefined> {
    return this.versions.get(`${ref.scenarioId}@${ref.version}`);
  }
}
