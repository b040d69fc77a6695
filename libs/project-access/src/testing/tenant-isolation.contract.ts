import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { AccessNeed } from '../access/domain/access-policy';
import type { Principal } from '../principal/principal';
import { principalMetadata } from '../principal/principal.metadata';

/** The people of one isolation case: the project's owner and editor, and outsiders. */
export type IsolationCast = {
  readonly owner: Principal;
  readonly editor: Principal;
  readonly stranger: Principal;
  readonly support: Principal;
  readonly projectId: string;
};

/** One verb of a service's gRPC API on a project's resource. */
export type IsolationVerb = {
  /** "GetProject", "CreateScenario", ... */
  readonly name: string;
  /** What the verb needs: who may call it follows from the access rule. */
  readonly need: AccessNeed;
  /** The method serves internal callers (no principal) by design: nobody is answered, not refused. */
  readonly trustsInternalCallers?: boolean;
  /**
   * Calls the verb with `metadata` (a principal's, or none) on the case's project. Must succeed
   * for a caller the rule allows (prepare what it needs from `cast`), and reject with the gRPC
   * error otherwise.
   */
  call(metadata: Metadata, cast: IsolationCast): Promise<unknown>;
};

/** A list a caller sees (e.g. ListProjects): a stranger must never find the project in it. */
export type IsolationListing = {
  readonly name: string;
  ids(metadata: Metadata, cast: IsolationCast): Promise<readonly string[]>;
};

export type TenantIsolationOptions = {
  /**
   * Creates a project owned by `owner` with `editor` as an accepted editor, and resolves with its
   * id once the service under test knows both (a service on the access read model waits here).
   */
  givenProject(people: { owner: Principal; editor: Principal }): Promise<string>;
  readonly verbs: readonly IsolationVerb[];
  readonly listings?: readonly IsolationListing[];
};

/** A person of an account of their own, named for the test's messages. */
export const aPrincipal = (name: string, roles: string[] = ['user']): Principal => {
  const id = randomUUID();
  // Every person of a case is in an account of their own: the tenants never share an id.
  return { accountId: `account-${id}`, userId: `${name}-${id}`, roles, email: `${name}-${id.slice(0, 8)}@example.com` };
};

const codeOf = async (attempt: Promise<unknown>): Promise<GrpcStatus> =>
  attempt.then(
    () => GrpcStatus.OK,
    (error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'number') throw error;
      return code as GrpcStatus;
    },
  );

const name = (code: GrpcStatus): string => GrpcStatus[code] ?? String(code);

/** What the access rule answers for a caller and a need (see decideAccess). */
const expectedFor: Record<'owner' | 'editor' | 'support' | 'stranger', (need: AccessNeed) => GrpcStatus> = {
  owner: () => GrpcStatus.OK,
  editor: (need) => (need === 'manage' ? GrpcStatus.PERMISSION_DENIED : GrpcStatus.OK),
  support: (need) => (need === 'read' ? GrpcStatus.OK : GrpcStatus.PERMISSION_DENIED),
  stranger: () => GrpcStatus.NOT_FOUND,
};

/**
 * The tenant-isolation contract a service runs against its own gRPC API (a jest suite, like the
 * EventStore contract): every verb is tried by a caller without a principal (UNAUTHENTICATED),
 * by a user of another account (NOT_FOUND: ids of other tenants are never confirmed), by support
 * staff (read only), by an editor (no manage) and by the owner. Each case gets a project of its
 * own, so a verb that changes or archives it cannot influence the next. 0 leaks = every case
 * green. A new resource joins by adding its verbs.
 */
export function describeTenantIsolation(service: string, options: () => TenantIsolationOptions): void {
  describe(`${service} tenant isolation (contract)`, () => {
    const givenCast = async (): Promise<IsolationCast> => {
      const owner = aPrincipal('owner');
      const editor = aPrincipal('editor');
      const projectId = await options().givenProject({ owner, editor });
      return { owner, editor, projectId, stranger: aPrincipal('stranger'), support: aPrincipal('support', ['user', 'support']) };
    };

    // The verbs are known only once the service's spec has set up (options is called lazily), so
    // each verb's cases run in one test per caller, named by the caller.
    for (const caller of ['nobody', 'stranger', 'support', 'editor', 'owner'] as const) {
      it(`${caller}: every verb answers as the access rule says`, async () => {
        const outcomes: string[] = [];
        const expected: string[] = [];
        for (const verb of options().verbs) {
          const cast = await givenCast();
          const metadata = caller === 'nobody' ? new Metadata() : principalMetadata(cast[caller]);
          const want =
            caller === 'nobody' ? (verb.trustsInternalCallers ? GrpcStatus.OK : GrpcStatus.UNAUTHENTICATED) : expectedFor[caller](verb.need);
          outcomes.push(`${verb.name}: ${name(await codeOf(verb.call(metadata, cast)))}`);
          expected.push(`${verb.name}: ${name(want)}`);
        }
        expect(outcomes).toEqual(expected);
      });
    }

    it('stranger: no listing shows another tenant’s project', async () => {
      const cast = await givenCast();
      const leaks: string[] = [];
      for (const listing of options().listings ?? []) {
        const ids = await listing.ids(principalMetadata(cast.stranger), cast);
        if (ids.includes(cast.projectId)) leaks.push(listing.name);
      }
      expect(leaks).toEqual([]);
    });
  });
}
