import type { Metadata } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import { ValidationError } from '@zvonar/eventsourcing';
import { PG_POOL } from '@zvonar/platform';
import { principalFromMetadata, PROJECT_ACCESS, ProjectAccessRefusal, type AccessNeed, type Principal, type ProjectAccess } from '@zvonar/project-access';
import type { Pool } from 'pg';
import { TemplateNotFoundError } from '../../templates/application/call-task-templates';
import { TEMPLATE_STORE, type TemplateStore } from '../../templates/application/template-store.port';
import type { CallTaskTemplate } from '../../templates/domain';
import { CampaignLifecycle } from '../application/campaign-lifecycle';
import type { CampaignView } from '../application/campaign-view';
import { CampaignNotFoundError } from '../domain';

/** A refusal for a caller who may not see the project becomes `missing`: ids of other tenants are never confirmed. */
const asMissing = async (check: Promise<unknown>, missing: () => Error): Promise<void> => {
  try {
    await check;
  } catch (error) {
    if (error instanceof ProjectAccessRefusal && error.kind === 'not-found') throw missing();
    throw error;
  }
};

/**
 * Asserts `need` on the project of a campaign; a caller who may not see the project is told the
 * campaign does not exist. For every API that addresses a campaign by id (CampaignDialingService too).
 */
export const assertOnCampaign = (access: ProjectAccess, principal: Principal, campaign: { campaignId: string; projectId: string }, need: AccessNeed): Promise<void> =>
  asMissing(access.assertAccess(principal, campaign.projectId, need), () => new CampaignNotFoundError(campaign.campaignId));

/**
 * Who may do what in CampaignsService, checked in the service on its project-access read model
 * (libs/project-access). Every method needs the principal the gateway forwards (UNAUTHENTICATED
 * without one). A call naming a project is asserted on it; a call naming a campaign or a template
 * loads it and asserts on its project (neither ever moves between projects, so the check holds
 * for the change that follows); someone else's campaign or template is answered exactly like one
 * that does not exist.
 */
@Injectable()
export class CampaignsAccess {
  constructor(
    @Inject(PROJECT_ACCESS) private readonly access: ProjectAccess,
    private readonly lifecycle: CampaignLifecycle,
    @Inject(TEMPLATE_STORE) private readonly templates: TemplateStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The caller, or UNAUTHENTICATED: asked first, so nobody learns anything from validation or lookups. */
  principal(metadata: Metadata | undefined): Principal {
    return principalFromMetadata(metadata);
  }

  /** A blank project id passes here so the request's validation names the field. */
  async project(metadata: Metadata | undefined, projectId: string, need: AccessNeed): Promise<void> {
    const principal = this.principal(metadata);
    if (projectId.trim() !== '') await this.access.assertAccess(principal, projectId, need);
  }

  /**
   * The campaign as its stream stands (never behind a change just made), once the caller may
   * `need` its project. `view` reads it elsewhere (the list read model for GetCampaign).
   */
  async campaign(metadata: Metadata | undefined, campaignId: string, need: AccessNeed, view = (id: string) => this.lifecycle.load(id)): Promise<CampaignView> {
    const principal = this.principal(metadata);
    const found = await view(campaignId);
    await assertOnCampaign(this.access, principal, found.campaign, need);
    return found;
  }

  async template(metadata: Metadata | undefined, templateId: string, need: AccessNeed): Promise<CallTaskTemplate> {
    const principal = this.principal(metadata);
    const template = await this.templates.callTask(templateId);
    if (!template) throw new TemplateNotFoundError(templateId);
    await asMissing(this.access.assertAccess(principal, template.projectId, need), () => new TemplateNotFoundError(templateId));
    return template;
  }

  /**
   * A campaign dials with the scenario it pins, so that scenario must be of the campaign's own
   * project: a version published elsewhere is refused at launch (the published-scenarios read
   * model records each version's project), worded as "not published in this project" so the
   * scenarios of other tenants are never confirmed. A version it does not know is left to the
   * launch's own "not published" check.
   */
  async assertScenarioOfProject({ campaign }: CampaignView): Promise<void> {
    const scenario = campaign.settings.scenario;
    if (!scenario) return;
    const { rows } = await this.pool.query<{ project_id: string }>(
      'SELECT project_id FROM published_scenario_versions WHERE scenario_id = $1 AND version = $2',
      [scenario.scenarioId, scenario.version],
    );
    const projectId = rows[0]?.project_id;
    if (projectId === undefined || projectId === campaign.projectId) return;
    throw new ValidationError('The campaign cannot be launched: its scenario is not published in this project', [
      { field: 'settings.scenario', code: 'NOT_IN_PROJECT', message: `scenario version ${scenario.version} is not published in this project` },
    ]);
  }
}
