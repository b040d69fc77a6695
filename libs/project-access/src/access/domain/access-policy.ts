import { isStaff, type Principal } from '../../principal/principal';
import { ProjectAccessRefusal } from './access-refusal';

/** What a call needs: read the project's things, change them, or manage the project itself. */
export type AccessNeed = 'read' | 'write' | 'manage';

/** A member's role; the names of ProjectRole in project_events.proto. */
export type MemberRole = 'owner' | 'editor';

/** What the access read model knows about one project and one caller. */
export type ProjectAccessFacts = {
  readonly archived: boolean;
  /** The caller's membership; undefined when the caller is not a member. */
  readonly role: MemberRole | undefined;
};

/** How the caller got in: as a member with its role, or as staff looking read-only. */
export type AccessGrant = { readonly projectId: string; readonly as: MemberRole | 'staff' };

const allowedTo: Record<MemberRole, readonly AccessNeed[]> = {
  owner: ['read', 'write', 'manage'],
  // Works with the project's scenarios, audiences, campaigns, fields and tags; sharing and
  // archiving stay with the owner.
  editor: ['read', 'write'],
};

/**
 * The access rule every service applies, on facts from its own read model (`undefined`: the
 * project is unknown). A stranger is told "not found" exactly as for a project that does not
 * exist. Archiving freezes the contents (write) but not management, so the owner can still
 * unarchive and change sharing.
 */
export function decideAccess(
  principal: Principal,
  projectId: string,
  facts: ProjectAccessFacts | undefined,
  need: AccessNeed,
): AccessGrant {
  if (facts === undefined) throw new ProjectAccessRefusal('not-found', projectId);
  let grant: AccessGrant;
  if (facts.role !== undefined) {
    if (!allowedTo[facts.role].includes(need)) throw new ProjectAccessRefusal('forbidden', projectId);
    grant = { projectId, as: facts.role };
  } else if (isStaff(principal)) {
    if (need !== 'read') throw new ProjectAccessRefusal('forbidden', projectId);
    grant = { projectId, as: 'staff' };
  } else {
    throw new ProjectAccessRefusal('not-found', projectId);
  }
  if (need === 'write' && facts.archived) throw new ProjectAccessRefusal('archived', projectId);
  return grant;
}
