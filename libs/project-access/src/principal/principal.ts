/**
 * Who is calling, as the gateway forwards it after identity authenticated the request. Services
 * see only these facts: the credential itself never leaves the edge.
 */
export type Principal = {
  readonly accountId: string;
  readonly userId: string;
  /** identity's roles: user, moderator, support, admin. */
  readonly roles: readonly string[];
  /** The user's email in lower case; empty when the gateway did not know it (an API key). */
  readonly email: string;
};

/** Staff roles that may look at every project (read only) to help a customer. */
export const STAFF_ROLES: readonly string[] = ['admin', 'support'];

export const isStaff = (principal: Principal): boolean => principal.roles.some((role) => STAFF_ROLES.includes(role));
