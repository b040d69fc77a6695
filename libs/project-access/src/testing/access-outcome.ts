import { eventually } from '@zvonar/testing';
import type { AccessNeed } from '../access/domain/access-policy';
import { ProjectAccessRefusal } from '../access/domain/access-refusal';
import type { ProjectAccess } from '../access/project-access.port';
import type { Principal } from '../principal/principal';

/** "allowed as owner|editor|staff" or the refusal's kind: one comparable word per question. */
export const accessOutcome = (access: ProjectAccess, who: Principal, projectId: string, need: AccessNeed): Promise<string> =>
  access.assertAccess(who, projectId, need).then(
    (grant) => `allowed as ${grant.as}`,
    (error: unknown) => {
      if (error instanceof ProjectAccessRefusal) return error.kind;
      throw error;
    },
  );

/** Waits (bounded) until a read model that follows the project events answers `expected`. */
export const untilAccess = (
  access: ProjectAccess,
  [who, projectId, need]: [Principal, string, AccessNeed],
  expected: string,
  timeoutMs = 15_000,
): Promise<true> =>
  eventually(async () => (await accessOutcome(access, who, projectId, need)) === expected, {
    what: `${who.userId} ${need} ${projectId}: ${expected}`,
    timeoutMs,
    intervalMs: 20,
  });
