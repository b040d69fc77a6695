import { Inject, Injectable } from '@nestjs/common';
import { DomainError, NotFoundError } from '@zvonar/eventsourcing';
import { ID_GENERATOR, type Clock, type IdGenerator } from '@zvonar/platform';
import { decideAccess, PolicyProjectAccess, ProjectAccessRefusal, type AccessNeed, type Locale, type Principal, type ProjectAccessRecord } from '@zvonar/project-access';
import type { CustomFieldType, Project, ProjectView } from '../domain/project';
import {
  checkCustomField,
  checkCustomFields,
  checkDescription,
  checkFieldName,
  checkName,
  checkTags,
  FIELDS_MAX,
  normaliseTags,
  tidy,
} from '../domain/project-rules';
import { PROJECT_STORE, PROJECTS_CLOCK } from '../../projects.di-tokens';
import { decodeCursor, encodeCursor, pageSizeOf } from './project-lists';
import { assertValid, wordingOf } from './projects.messages';
import type { ProjectChanges, ProjectListName, ProjectSortKey, ProjectStore } from './project-store.port';

export type NewCustomField = { key: string; name: string; type: CustomFieldType | undefined };

/** Projects' lifecycle, custom fields, tags and lists; every call authorised on projects' own tables. */
@Injectable()
export class Projects {
  private readonly access: PolicyProjectAccess;

  constructor(
    @Inject(PROJECT_STORE) private readonly store: ProjectStore,
    @Inject(PROJECTS_CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {
    this.access = new PolicyProjectAccess(store);
  }

  async create(
    principal: Principal,
    input: { name: string; description: string; customFields: NewCustomField[]; tags: string[] },
    locale: Locale,
  ): Promise<ProjectView> {
    const name = tidy(input.name);
    const description = input.description.trim();
    const tags = normaliseTags(input.tags);
    assertValid(
      [...checkName(name), ...checkDescription(description), ...checkCustomFields(input.customFields), ...checkTags(tags)],
      locale,
    );
    const now = this.clock.now();
    const project: Project = {
      projectId: this.ids.next(),
      name,
      description,
      status: 'Active',
      ownerAccountId: principal.accountId,
      ownerUserId: principal.userId,
      customFields: input.customFields.map(({ key, name: fieldName, type }) => ({ key, name: tidy(fieldName), type: type! })),
      tags,
      createdAt: now,
      updatedAt: now,
      archivedAt: undefined,
    };
    return this.store.transaction(async (changes) => {
      await changes.insertProject(project);
      await changes.insertMember({ projectId: project.projectId, userId: principal.userId, accountId: principal.accountId, email: principal.email, role: 'owner', grantedAt: now });
      await changes.emit({ type: 'ProjectCreated', projectId: project.projectId, accountId: principal.accountId, ownerUserId: principal.userId, name, at: now });
      await changes.emit({ type: 'ProjectMemberGranted', projectId: project.projectId, userId: principal.userId, accountId: principal.accountId, role: 'owner', at: now });
      return { ...project, myRole: 'owner' };
    });
  }

  /** One read: the caller's role comes with the project, and the access rule decides on it. */
  async get(principal: Principal, projectId: string): Promise<ProjectView> {
    const view = projectId.trim() === '' ? undefined : await this.store.project(projectId, principal.userId);
    decideAccess(principal, projectId, view && { archived: view.status === 'Archived', role: view.myRole }, 'read');
    // decideAccess refuses an unknown project; the check keeps the compiler as sure of it.
    if (!view) throw new ProjectAccessRefusal('not-found', projectId);
    return view;
  }

  /**
   * For a service: the project with no caller to authorise (internal callers are trusted; the
   * gateway never routes here). NOT_FOUND for an unknown id, worded like the access refusal.
   */
  async getForService(projectId: string): Promise<ProjectView> {
    const view = projectId.trim() === '' ? undefined : await this.store.project(projectId, '');
    if (!view) throw new ProjectAccessRefusal('not-found', projectId);
    return view;
  }

  /**
   * For a service whose access read model has not heard of the project or the membership yet
   * (internal callers only): what projects knows, or undefined for an unknown project.
   */
  async accessRecordForService(projectId: string, userId: string): Promise<ProjectAccessRecord | undefined> {
    return projectId.trim() === '' || userId.trim() === '' ? undefined : this.store.accessRecord(projectId, userId);
  }

  async update(principal: Principal, input: { projectId: string; name?: string | undefined; description?: string | undefined }, locale: Locale): Promise<ProjectView> {
    const name = input.name === undefined ? undefined : tidy(input.name);
    const description = input.description?.trim();
    assertValid([...(name === undefined ? [] : checkName(name)), ...(description === undefined ? [] : checkDescription(description))], locale);
    return this.change(principal, input.projectId, 'write', async (changes, now) => {
      await changes.updateProject(input.projectId, { updatedAt: now, ...(name === undefined ? {} : { name }), ...(description === undefined ? {} : { description }) });
    });
  }

  async archive(principal: Principal, projectId: string, locale: Locale): Promise<ProjectView> {
    return this.change(principal, projectId, 'manage', async (changes, now, archived) => {
      if (archived) throw new DomainError(wordingOf('ALREADY_ARCHIVED', locale), 'ALREADY_ARCHIVED');
      await changes.updateProject(projectId, { status: 'Archived', archivedAt: now, updatedAt: now });
      await changes.emit({ type: 'ProjectArchived', projectId, at: now });
    });
  }

  async unarchive(principal: Principal, projectId: string, locale: Locale): Promise<ProjectView> {
    return this.change(principal, projectId, 'manage', async (changes, now, archived) => {
      if (!archived) throw new DomainError(wordingOf('NOT_ARCHIVED', locale), 'NOT_ARCHIVED');
      await changes.updateProject(projectId, { status: 'Active', archivedAt: undefined, updatedAt: now });
      await changes.emit({ type: 'ProjectUnarchived', projectId, at: now });
    });
  }

  async addCustomField(principal: Principal, projectId: string, field: NewCustomField, locale: Locale): Promise<ProjectView> {
    const candidate = { ...field, name: tidy(field.name) };
    return this.change(principal, projectId, 'write', async (changes, now) => {
      const existing = await changes.customFields(projectId);
      assertValid([...checkCustomField(candidate, existing, 'field'), ...(existing.length >= FIELDS_MAX ? [{ field: 'field', code: 'TOO_MANY_FIELDS' }] : [])], locale);
      // assertValid refused a missing type above.
      await changes.insertCustomField(projectId, { key: candidate.key, name: candidate.name, type: candidate.type! });
      await changes.updateProject(projectId, { updatedAt: now });
    });
  }

  async renameCustomField(principal: Principal, projectId: string, key: string, name: string, locale: Locale): Promise<ProjectView> {
    const tidied = tidy(name);
    assertValid(checkFieldName(tidied, 'name'), locale);
    return this.change(principal, projectId, 'write', async (changes, now) => {
      if (!(await changes.renameCustomField(projectId, key, tidied))) throw new NotFoundError(wordingOf('FIELD_NOT_FOUND', locale));
      await changes.updateProject(projectId, { updatedAt: now });
    });
  }

  async removeCustomField(principal: Principal, projectId: string, key: string, locale: Locale): Promise<ProjectView> {
    return this.change(principal, projectId, 'write', async (changes, now) => {
      if (!(await changes.deleteCustomField(projectId, key))) throw new NotFoundError(wordingOf('FIELD_NOT_FOUND', locale));
      await changes.updateProject(projectId, { updatedAt: now });
    });
  }

  async setTags(principal: Principal, projectId: string, tags: string[], locale: Locale): Promise<ProjectView> {
    const normalised = normaliseTags(tags);
    assertValid(checkTags(normalised), locale);
    return this.change(principal, projectId, 'write', async (changes, now) => {
      await changes.updateProject(projectId, { tags: normalised, updatedAt: now });
    });
  }

  async list(
    principal: Principal,
    input: { list: ProjectListName; sort: ProjectSortKey; reverse: boolean; pageToken: string; pageSize: number },
    locale: Locale,
  ): Promise<{ items: ProjectView[]; nextPageToken: string }> {
    const limit = pageSizeOf(input.pageSize);
    const page = await this.store.list({
      userId: principal.userId,
      list: input.list,
      sort: input.sort,
      reverse: input.reverse,
      after: decodeCursor(input.pageToken, locale),
      limit: limit + 1,
    });
    const items = page.items.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextPageToken: page.items.length > limit && last ? encodeCursor(page.cursorOf(last)) : '' };
  }

  /**
   * Authorises inside the transaction, with the project's row locked, so an archive that commits
   * first is seen; then runs `work` and answers the project as it is after the change.
   */
  private change(
    principal: Principal,
    projectId: string,
    need: AccessNeed,
    work: (changes: ProjectChanges, now: Date, archived: boolean) => Promise<void>,
  ): Promise<ProjectView> {
    return this.store.transaction(async (changes) => {
      const facts = await changes.lockFacts(projectId, principal.userId);
      decideAccess(principal, projectId, facts, need);
      await work(changes, this.clock.now(), facts?.archived ?? false);
      return this.viewOf(principal, projectId, changes);
    });
  }

  private async viewOf(principal: Principal, projectId: string, queries: Pick<ProjectChanges, 'project'>): Promise<ProjectView> {
    const view = await queries.project(projectId, principal.userId);
    // Access was granted a moment ago in the same transaction or before; a project is never deleted.
    if (!view) throw new Error(`Project ${projectId} vanished after its access check`);
    return view;
  }
}
