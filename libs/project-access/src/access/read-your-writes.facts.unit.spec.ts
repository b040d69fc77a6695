import type { ProjectAccessFacts } from './domain/access-policy';
import type { ProjectAccessAuthority, ProjectAccessRecord } from './project-access.port';
import { ReadYourWritesFacts, type FillableProjectAccessFacts } from './read-your-writes.facts';
import { RecentMisses } from './recent-misses';

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
  const given = (answers: Record<string, ProjectAccessRecord | undefined>, clock = { ms: 0 }) => {
    const readModel = new InMemoryReadModel();
    const asked: string[] = [];
    const projects: ProjectAccessAuthority = {
      recordOf: async (projectId, userId) => {
        asked.push(`${projectId}/${userId}`);
        return answers[`${projectId}/${userId}`];
      },
    };
    const misses = new RecentMisses({ ttlMs: 1_000, maxEntries: 2, now: () => clock.ms });
    return { readModel, asked, clock, facts: new ReadYourWritesFacts(readModel, projects, misses) };
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

  it('given an id projects does not know, answers "unknown" from memory until the answer is a second old', async () => {
    const { asked, clock, facts } = given({});
    for (let i = 0; i < 5; i += 1) expect(await facts.factsOf('p-unknown', 'prober')).toBeUndefined();
    expect(asked).toEqual(['p-unknown/prober']);
    clock.ms = 1_000;
    await facts.factsOf('p-unknown', 'prober');
    expect(asked).toEqual(['p-unknown/prober', 'p-unknown/prober']);
  });

  it('given a known project that refused the caller, asks projects again next time: a membership granted meanwhile lets them in at once', async () => {
    const answers: Record<string, ProjectAccessRecord | undefined> = { 'p1/editor': recordOf('p1') };
    const { readModel, asked, facts } = given(answers);
    readModel.projects.set('p1', { archived: false });
    expect(await facts.factsOf('p1', 'editor')).toEqual({ archived: false, role: undefined });
    answers['p1/editor'] = recordOf('p1', { userId: 'editor', role: 'editor' });
    expect(await facts.factsOf('p1', 'editor')).toEqual({ archived: false, role: 'editor' });
    expect(asked).toEqual(['p1/editor', 'p1/editor']);
  });

  it('never remembers a member: the next question is answered by the read model it filled', async () => {
    const { asked, facts } = given({ 'p1/owner': recordOf('p1', { userId: 'owner', role: 'owner' }) });
    await facts.factsOf('p1', 'owner');
    await facts.factsOf('p1', 'owner');
    expect(asked).toEqual(['p1/owner']);
  });
});

describe('RecentMisses', () => {
  it('forgets the oldest beyond its bound, so probing many ids keeps memory flat', () => {
    const misses = new RecentMisses({ ttlMs: 60_000, maxEntries: 3, now: () => 0 });
    for (const project of ['a', 'b', 'c', 'd', 'e']) misses.remember(project, 'u');
    expect(misses.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((project) => misses.has(project, 'u'))).toEqual([false, false, true, true, true]);
  });

  it('keeps a miss remembered again as the newest', () => {
    const misses = new RecentMisses({ ttlMs: 60_000, maxEntries: 2, now: () => 0 });
    misses.remember('a', 'u');
    misses.remember('b', 'u');
    misses.remember('a', 'u');
    misses.remember('c', 'u');
    expect([misses.has('a', 'u'), misses.has('b', 'u'), misses.has('c', 'u')]).toEqual([true, false, true]);
  });
});
