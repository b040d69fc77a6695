import type { Page } from '../../campaign/application/campaign-list.port';
import type { CallTaskTemplate, RedialRuleTemplate } from '../domain';

export type TemplatePageQuery = { readonly projectId: string; readonly after?: string; readonly pageSize: number };

/** Where call-task and redial-rule templates are kept. */
export interface TemplateStore {
  saveCallTask(template: CallTaskTemplate): Promise<void>;
  callTask(templateId: string): Promise<CallTaskTemplate | null>;
  callTasks(query: TemplatePageQuery): Promise<Page<CallTaskTemplate>>;
  saveRedialRules(template: RedialRuleTemplate): Promise<void>;
  redialRules(query: TemplatePageQuery): Promise<Page<RedialRuleTemplate>>;
}

export const TEMPLATE_STORE = Symbol('TEMPLATE_STORE');
