import type { Metadata } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import {
  optionalPrincipalFrom,
  principalFromMetadata,
  PROJECT_ACCESS,
  ProjectAccessRefusal,
  type AccessNeed,
  type Principal,
  type ProjectAccess,
} from '@zvonar/project-access';
import { SCENARIO_STORE } from '../../scenarios.di-tokens';
import type { ScenarioStore } from '../application/scenario-store.port';
import { scenarioNotFound } from '../infrastructure/postgres.scenario-store';

/**
 * Who may do what, checked in the service on its project-access read model (libs/project-access):
 * a call naming a project is asserted on it; a call naming a scenario loads it and asserts on its
 * project (a scenario never moves between projects, so the check holds for the change that
 * follows). Someone else's scenario is answered exactly like a scenario that does not exist, so
 * scenario ids of other tenants are never confirmed.
 */
@Injectable()
export class ScenariosAccess {
  constructor(
    @Inject(PROJECT_ACCESS) private readonly access: ProjectAccess,
    @Inject(SCENARIO_STORE) private readonly store: ScenarioStore,
  ) {}

  async project(metadata: Metadata | undefined, projectId: string, need: AccessNeed): Promise<void> {
    await this.access.assertAccess(principalFromMetadata(metadata), projectId, need);
  }

  async scenario(metadata: Metadata | undefined, scenarioId: string, need: AccessNeed): Promise<void> {
    await this.onScenario(principalFromMetadata(metadata), scenarioId, need);
  }

  /**
   * A published version is read without a principal by internal callers (call-control runs the
   * calls of campaigns; the gateway always sends one). A call that carries one is checked.
   */
  async publishedVersion(metadata: Metadata | undefined, scenarioId: string): Promise<void> {
    const principal = optionalPrincipalFrom(metadata);
    if (principal) await this.onScenario(principal, scenarioId, 'read');
  }

  private async onScenario(principal: Principal, scenarioId: string, need: AccessNeed): Promise<void> {
    const { projectId } = await this.store.get(scenarioId);
    try {
      await this.access.assertAccess(principal, projectId, need);
    } catch (error) {
      if (error instanceof ProjectAccessRefusal && error.kind === 'not-found') throw scenarioNotFound(scenarioId);
      throw error;
    }
  }
}
