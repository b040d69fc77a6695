import type { Invitation } from './project';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The lifetime of a new invitation, in whole days (INVITATION_TTL_DAYS, 7 by default). */
export const DEFAULT_INVITATION_TTL_DAYS = 7;

/** When an invitation issued at `invitedAt` stops working. */
export const invitationExpiry = (invitedAt: Date, ttlDays: number): Date => new Date(invitedAt.getTime() + ttlDays * DAY_MS);

/** Expired from its expiry instant on: the link shown in the email stops working exactly then. */
export const isExpired = (invitation: Pick<Invitation, 'expiresAt'>, now: Date): boolean => now.getTime() >= invitation.expiresAt.getTime();

/** Pending and not expired: listed, acceptable, and in the way of a second invitation to the address. */
export const isLive = (invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): boolean =>
  invitation.status === 'Pending' && !isExpired(invitation, now);

export type InviteDecision =
  | { readonly outcome: 'issue'; readonly replaces: string | undefined }
  | { readonly outcome: 'refuse'; readonly code: 'ALREADY_INVITED' };

/**
 * Inviting an address that already has a pending invitation to the project: a live one is
 * refused (the first link still works), an expired one is replaced by the new invitation, so an
 * owner never has to cancel what nobody can accept any more.
 */
export function decideInvite(pending: Pick<Invitation, 'invitationId' | 'status' | 'expiresAt'> | undefined, now: Date): InviteDecision {
  if (!pending) return { outcome: 'issue', replaces: undefined };
  if (isLive(pending, now)) return { outcome: 'refuse', code: 'ALREADY_INVITED' };
  return { outcome: 'issue', replaces: pending.invitationId };
}

export type AcceptRefusal = 'INVITATION_ALREADY_ACCEPTED' | 'INVITATION_EXPIRED';

/**
 * Why an invitation cannot be accepted now, or undefined when it can. An accepted invitation
 * says so even after its expiry: the person already has what the link gave.
 */
export function acceptRefusal(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): AcceptRefusal | undefined {
  if (invitation.status === 'Accepted') return 'INVITATION_ALREADY_ACCEPTED';
  return isExpired(invitation, now) ? 'INVITATION_EXPIRED' : undefined;
}
