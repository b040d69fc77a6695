import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@zvonar/eventsourcing';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '@zvonar/platform';
import type { Page } from '../../campaign/application/campaign-list.port';
import { CampaignLifecycle } from '../../campaign/application/campaign-lifecycle';
import type { CampaignView } from '../../campaign/application/campaign-view';
import { requireProjectId } from '../../campaign/application/require-project-id';
import type { RedialRules } from '../../dialing/domain';
import { createFromTemplate, saveAsTemplate, saveRedialRules, type CallTaskTemplate, type RedialRuleTemplate } from '../domain';
import { TEMPLATE_STORE, type TemplatePageQuery, type TemplateStore } from './template-store.port';

export class TemplateNotFoundError extends NotFoundError {
  constructor(readonly templateId: string) {
    super(`Template ${templateId} does not exist`);
  }
}

/** Call-task templates (a campaign's settings for reuse) and redial-rule templates. */
@Injectable()
export class CallTaskTemplates {
  constructor(
    @Inject(TEMPLATE_STORE) private readonly store: TemplateStore,
    private readonly lifecycle: CampaignLifecycle,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Saves from the campaign's stream (decisions read the stream, not the list). */
  async saveCampaign(campaignId: string, name: string): Promise<CallTaskTemplate> {
    const source = await this.lifecycle.load(campaignId);
    const template = saveAsTemplate(source.campaign, { templateId: this.ids.next(), name: name.trim(), now: this.clock.now() });
    await this.store.saveCallTask(template);
    return template;
  }

  list(query: TemplatePageQuery): Promise<Page<CallTaskTemplate>> {
    requireProjectId(query.projectId);
    return this.store.callTasks(query);
  }

  async createCampaign(templateId: string, input: { name: string; audienceIds: readonly string[] }): Promise<CampaignView> {
    const template = await this.store.callTask(templateId);
    if (!template) throw new TemplateNotFoundError(templateId);
    return this.lifecycle.execute(
      createFromTemplate(template, { campaignId: this.ids.next(), name: input.name.trim(), audienceIds: input.audienceIds, now: this.clock.now() }),
    );
  }

  async saveRedialRules(input: { projectId: string; name: string; rules: RedialRules }): Promise<RedialRuleTemplate> {
    requireProjectId(input.projectId);
    const template = saveRedialRules({ templateId: this.ids.next(), projectId: input.projectId, name: input.name.trim(), rules: input.rules, savedAt: this.clock.now() });
    await this.store.saveRedialRules(template);
    return template;
  }

  listRedialRules(query: TemplatePageQuery): Promise<Page<RedialRuleTemplate>> {
    requireProjectId(query.projectId);
    return this.store.redialRules(query);
  }
}
