import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, NotFoundError } from '@zvonar/eventsourcing';
import { ID_GENERATOR, type Clock, type IdGenerator } from '@zvonar/platform';
import { decideAccess, PolicyProjectAccess, type Locale, type Principal } from '@zvonar/project-access';
import type { Invitation, Member, ProjectView } from '../domain/project';
import { acceptRefusal, decideInvite, invitationExpiry } from '../domain/invitation-rules';
import { checkEmail, normaliseEmail } from '../domain/project-rules';
import { INVITATION_SETTINGS, PROJECT_STORE, PROJECTS_CLOCK } from '../../projects.di-tokens';
import { assertValid, wordingOf } from './projects.messages';
import type { ProjectStore } from './project-store.port';

/** Invitation tokens are stored hashed: a leaked table grants nothing. */
const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export type InvitationSettings = { readonly ttlDays: number };

/**
 * Sharing by email: the owner invites an address, whoever signs in with that address (or holds
 * the token from the email) accepts before the invitation expires and becomes an editor; the
 * owner can revoke. Every access change leaves as ProjectMemberGranted / ProjectMemberRevoked in
 * the same transaction; every invitation as ProjectInvitationIssued (identity emails the link).
 */
@Injectable()
export class Sharing {
  private readonly access: PolicyProjectAccess;

  constructor(
    @Inject(PROJECT_STORE) private readonly store: ProjectStore,
    @Inject(PROJECTS_CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(INVITATION_SETTINGS) private readonly settings: InvitationSettings,
  ) {
    this.access = new PolicyProjectAccess(store);
  }

  async invite(principal: Principal, projectId: string, rawEmail: string, locale: Locale): Promise<{ invitation: Invitation; token: string }> {
    const email = normaliseEmail(rawEmail);
    assertValid(checkEmail(email), locale);
    return this.store.transaction(async (changes) => {
      decideAccess(principal, projectId, await changes.lockFacts(projectId, principal.userId), 'manage');
      if (await changes.memberByEmail(projectId, email)) throw new DomainError(wordingOf('ALREADY_MEMBER', locale), 'ALREADY_MEMBER');
      const now = this.clock.now();
      const decision = decideInvite(await changes.pendingInvitationTo(projectId, email), now);
      if (decision.outcome === 'refuse') throw new DomainError(wordingOf(decision.code, locale), decision.code);
      // The expired invitation goes: one pending row per address, and its link is dead anyway.
      if (decision.replaces !== undefined) await changes.deletePendingInvitation(projectId, decision.replaces);
      const project = await changes.project(projectId, principal.userId);
      const token = randomBytes(32).toString('base64url');
      const invitation: Invitation = {
        invitationId: this.ids.next(),
        projectId,
        projectName: project?.name ?? '',
        email,
        status: 'Pending',
        invitedByUserId: principal.userId,
        invitedAt: now,
        expiresAt: invitationExpiry(now, this.settings.ttlDays),
      };
      await changes.insertInvitation({ ...invitation, tokenHash: hashOf(token) });
      await changes.emit({
        type: 'ProjectInvitationIssued',
        projectId,
        invitationId: invitation.invitationId,
        projectName: invitation.projectName,
        inviteeEmail: email,
        inviterUserId: principal.userId,
        inviterEmail: principal.email,
        token,
        language: locale,
        at: now,
        expiresAt: invitation.expiresAt,
      });
      return { invitation, token };
    });
  }

  /** A project's live invitations (owner), or, without a project, the caller's own; expired ones are left out. */
  async pending(principal: Principal, projectId: string): Promise<Invitation[]> {
    if (projectId === '') return principal.email === '' ? [] : this.store.pendingInvitations({ email: principal.email }, this.clock.now());
    await this.access.assertAccess(principal, projectId, 'manage');
    return this.store.pendingInvitations({ projectId }, this.clock.now());
  }

  /** Withdraws a pending invitation; its token stops working. */
  async cancel(principal: Principal, projectId: string, invitationId: string, locale: Locale): Promise<void> {
    await this.store.transaction(async (changes) => {
      decideAccess(principal, projectId, await changes.lockFacts(projectId, principal.userId), 'manage');
      if (!(await changes.deletePendingInvitation(projectId, invitationId))) throw new NotFoundError(wordingOf('INVITATION_NOT_FOUND', locale));
    });
  }

  /**
   * By id, only the invited address may accept; by token, whoever holds it; either way before it
   * expires. Someone else's invitation id is "not found", like an unknown one, so invitations
   * cannot be probed (nor whether they expired).
   */
  async accept(principal: Principal, by: { invitationId: string; token: string }, locale: Locale): Promise<ProjectView> {
    const notFound = () => new NotFoundError(wordingOf('INVITATION_NOT_FOUND', locale));
    if (by.invitationId === '' && by.token === '') throw notFound();
    return this.store.transaction(async (changes) => {
      const invitation = await changes.lockInvitation(by.token !== '' ? { tokenHash: hashOf(by.token) } : { invitationId: by.invitationId });
      if (!invitation) throw notFound();
      if (by.token === '' && (principal.email === '' || invitation.email !== principal.email)) throw notFound();
      const now = this.clock.now();
      const refusal = acceptRefusal(invitation, now);
      if (refusal) throw new DomainError(wordingOf(refusal, locale), refusal);
      const facts = await changes.lockFacts(invitation.projectId, principal.userId);
      if (facts?.role !== undefined) throw new DomainError(wordingOf('ALREADY_MEMBER', locale), 'ALREADY_MEMBER');
      await changes.markAccepted(invitation.invitationId, principal.userId, now);
      await changes.insertMember({ projectId: invitation.projectId, userId: principal.userId, accountId: principal.accountId, email: principal.email, role: 'editor', grantedAt: now });
      await changes.emit({ type: 'ProjectMemberGranted', projectId: invitation.projectId, userId: principal.userId, accountId: principal.accountId, role: 'editor', at: now });
      const view = await changes.project(invitation.projectId, principal.userId);
      if (!view) throw notFound();
      return view;
    });
  }

  async members(principal: Principal, projectId: string): Promise<Member[]> {
    await this.access.assertAccess(principal, projectId, 'read');
    return this.store.members(projectId);
  }

  async revoke(principal: Principal, projectId: string, userId: string, locale: Locale): Promise<void> {
    await this.store.transaction(async (changes) => {
      decideAccess(principal, projectId, await changes.lockFacts(projectId, principal.userId), 'manage');
      const target = await changes.lockFacts(projectId, userId);
      if (target?.role === 'owner') throw new DomainError(wordingOf('OWNER_CANNOT_BE_REVOKED', locale), 'OWNER_CANNOT_BE_REVOKED');
      if (!(await changes.deleteMember(projectId, userId))) throw new NotFoundError(wordingOf('MEMBER_NOT_FOUND', locale));
      await changes.emit({ type: 'ProjectMemberRevoked', projectId, userId, at: this.clock.now() });
    });
  }
}
