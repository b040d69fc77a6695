import type { Principal } from '../../principal/principal';
import { decideAccess, type AccessNeed, type ProjectAccessFacts } from './access-policy';
import { ProjectAccessRefusal } from './access-refusal';

const user: Principal = { accountId: 'account-1', userId: 'user-1', roles: ['user'], email: 'u@example.com' };
const staff = (role: string): Principal => ({ ...user, roles: ['user', role] });
const facts = (role: ProjectAccessFacts['role'], archived = false): ProjectAccessFacts => ({ role, archived });

const outcome = (principal: Principal, given: ProjectAccessFacts | undefined, need: AccessNeed): string => {
  try {
    return `allowed as ${decideAccess(principal, 'project-1', given, need).as}`;
  } catch (error) {
    if (error instanceof ProjectAccessRefusal) return error.kind;
    throw error;
  }
};

describe('decideAccess', () => {
  it.each<[string, Principal, ProjectAccessFacts | undefined, AccessNeed, string]>([
    ['an unknown project, for anyone', staff('admin'), undefined, 'read', 'not-found'],
    ['a stranger reading', user, facts(undefined), 'read', 'not-found'],
    ['a stranger writing', user, facts(undefined), 'write', 'not-found'],
    ['a stranger, even when the project is archived', user, facts(undefined, true), 'write', 'not-found'],
    ['the owner reading', user, facts('owner'), 'read', 'allowed as owner'],
    ['the owner writing', user, facts('owner'), 'write', 'allowed as owner'],
    ['the owner managing', user, facts('owner'), 'manage', 'allowed as owner'],
    ['an editor reading', user, facts('editor'), 'read', 'allowed as editor'],
    ['an editor writing', user, facts('editor'), 'write', 'allowed as editor'],
    ['an editor managing', user, facts('editor'), 'manage', 'forbidden'],
    ['an admin reading', staff('admin'), facts(undefined), 'read', 'allowed as staff'],
    ['support reading', staff('support'), facts(undefined), 'read', 'allowed as staff'],
    ['an admin writing', staff('admin'), facts(undefined), 'write', 'forbidden'],
    ['support managing', staff('support'), facts(undefined), 'manage', 'forbidden'],
    ['a moderator is no staff here', staff('moderator'), facts(undefined), 'read', 'not-found'],
    ['an admin who owns the project', staff('admin'), facts('owner'), 'manage', 'allowed as owner'],
    ['the owner writing to an archived project', user, facts('owner', true), 'write', 'archived'],
    ['an editor writing to an archived project', user, facts('editor', true), 'write', 'archived'],
    ['the owner reading an archived project', user, facts('owner', true), 'read', 'allowed as owner'],
    ['the owner managing (unarchiving) an archived project', user, facts('owner', true), 'manage', 'allowed as owner'],
    ['an editor managing an archived project is refused for the role first', user, facts('editor', true), 'manage', 'forbidden'],
  ])('%s', (_case, principal, given, need, expected) => {
    expect(outcome(principal, given, need)).toBe(expected);
  });

  it('names the stable code and the project in the refusal', () => {
    expect(() => decideAccess(user, 'project-9', undefined, 'read')).toThrow(
      expect.objectContaining({ code: 'PROJECT_NOT_FOUND', projectId: 'project-9' }),
    );
  });
});
