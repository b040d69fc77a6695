import type { ProjectAccessFacts } from './domain/access-policy';
import type { ProjectAccessAuthority, ProjectAccessRecord } from './project-access.port';
import { ReadYourWritesFacts, type FillableProjectAccessFacts } from './read-your-writes.facts';

/** A read model in memory that takes fills the way the PostgreSQL one does (absent rows only). */
class InMemoryReadModel implements FillableProjectAccessFacts {
  readonly projects = new Map<string, { archived: boolean }>();
  readonly members = new Map<string, ProjectAccessFacts['role']>();
  fills = 0;

  async factsOf(projectId: string, userId: string): Promise<ProjectAccessFacts | undefined> {
    const project = this.projects.get(projectId);
    return project && { archived: project.archived, role: this.members.get(`${projectId}/${userId}`) };
  }

  async fill(record: ProjectAccessRecord): Promise<void> {
    this.fills += 1;
    if (!this.projects.has(record.projectId)) this.projects.set(record.projectId, { archived: record.archived });
    const key = `${record.projectId}/${record.member?.userId}`;
    if (record.member && !this.members.has(key)) this.members.set(key, record.member.role);
  }
}

const at = new Date('2026-11-21T10:00:00Z');
const recordOf = (projectId: string, member?: { userId: string; role: 'owner' | 'editor' }): ProjectAccessRecord => ({
  projectId,
  accountId: 'account-owner',
  archived: false,
  changedAt: at,
  member: member && { ...member, accountId: `account-${member.userId}`, grantedAt: at },
});

describe('ReadYourWritesFacts', () => {
  const given = (answers: Record<string, ProjectAccessRecord | undefined>) => {
    const readModel = new InMemoryReadModel();
    const asked: string[] = [];
    const projects: ProjectAccessAuthority = {
      recordOf: async (projectId, userId) => {
        asked.push(`${projectId}/${userId}`);
        return answers[`${projectId}/${userId}`];
      },
    };
    return { readModel, asked, facts: new ReadYourWritesFacts(readModel, projects) };
  };

  it('given the caller is a member in the read model, answers from it without asking projects', async () => {
    const { readModel, asked, facts } = given({});
    readModel.projects.set('p1', { archived: true });
    readModel.members.set('p1/owner', 'owner');
    expect(await facts.factsOf('p1', 'owner')).toEqual({ archived: true, role: 'owner' });
    expect(asked).toEqual([]);
  });

  it('given a project the read model has not heard of, fills what projects answers and decides on it', async () => {
    const { readModel, asked, facts } = given({ 'p1/owner': recordOf('p1', { userId: 'owner', role: 'owner' }) });
    expect(await facts.factsOf('p1', 'owner')).toEqual({ archived: false, role: 'owner' });
    expect(asked).toEqual(['p1/owner']);
    // Known now: the next question stays in the service.
    expect(await facts.factsOf('p1', 'owner')).toEqual({ archived: false, role: 'owner' });
    expect([asked.length, readModel.fills]).toEqual([1, 1]);
  });

  it('given a project projects does not know either, answers unknown and writes nothing', async () => {
    const { readModel, facts } = given({});
    expect(await facts.factsOf('p-unknown', 'someone')).toBeUndefined();
    expect(readModel.fills).toBe(0);
  });

  it('given a known project and a caller who is no member there either, answers "no role" and writes nothing', async () => {
    const { readModel, asked, facts } = given({ 'p1/stranger': recordOf('p1') });
    readModel.projects.set('p1', { archived: false });
    expect(await facts.factsOf('p1', 'stranger')).toEqual({ archived: false, role: undefined });
    expect([asked, readModel.fills]).toEqual([['p1/stranger'], 0]);
  });

  it('given a membership granted a moment ago on a project the read model knows, fills the member', async () => {
    const { readModel, facts } = given({ 'p1/editor': recordOf('p1', { userId: 'editor', role: 'editor' }) });
    readModel.projects.set('p1', { archived: false });
    expect(await facts.factsOf('p1', 'editor')).toEqual({ archived: false, role: 'editor' });
  });

  it('given projects cannot be reached, lets its refusal through instead of answering "unknown"', async () => {
    const readModel = new InMemoryReadModel();
    const down = new Error('unavailable');
    const facts = new ReadYourWritesFacts(readModel, { recordOf: () => Promise.reject(down) });
    await expect(facts.factsOf('p1', 'owner')).rejects.toBe(down);
  });
});
