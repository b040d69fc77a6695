import { Inject, Injectable } from '@nestjs/common';
import { simulate, type CallerTurn, type Contact, type Simulation } from '@zvonar/scenario-runtime';
import { SCENARIO_STORE } from '../../scenarios.di-tokens';
import { toModel } from '../domain/graph-document';
import type { ScenarioStore } from './scenario-store.port';

/**
 * Test conversations: the draft (version 0, even one that breaks publishing rules) or a published
 * version run through the runtime's simulator, the same engine a real call uses.
 */
@Injectable()
export class ScenarioSimulations {
  constructor(@Inject(SCENARIO_STORE) private readonly store: ScenarioStore) {}

  async simulate(input: {
    scenarioId: string;
    version: number;
    contact: Contact;
    turns: readonly CallerTurn[];
    answeringMachine: boolean;
  }): Promise<Simulation> {
    const graph =
      input.version === 0
        ? (await this.store.get(input.scenarioId)).draft
        : (await this.store.getVersion(input.scenarioId, input.version)).graph;
    const model = toModel(graph, input.scenarioId, input.version);
    return simulate(model, input.contact, input.turns, input.answeringMachine ? { machine: 'machine' } : {});
  }
}
