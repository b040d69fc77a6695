import { audiencesV1, audiencesV1Package, projectsV1, projectsV1Package } from '@zvonar/proto-ts';
import type { RouteDefinition, RouteRpc } from '../http/route';
import { audiencesRoutes } from '../routes/audiences/audiences.routes';
import { projectsRoutes } from '../routes/projects/projects.routes';
import { rpcRoute } from '../rpc/rpc-route';
import { publicRpcs } from './public-rpcs';

const projectsRpc = (method: string): RouteRpc => ({ upstream: 'projects', grpcPackage: projectsV1Package, service: projectsV1.PROJECTS_SERVICE_NAME, method });

const route = (overrides: Partial<RouteDefinition>): RouteDefinition => ({
  method: 'GET',
  path: '/api/v1/x',
  operationId: 'x',
  tag: 'projects',
  summary: 'x',
  access: 'authenticated',
  status: 200,
  ...overrides,
});

describe('publicRpcs', () => {
  it('serves the RPC of every authenticated route once, with its scope, and whether it mutates', () => {
    const rpcs = publicRpcs(projectsRoutes.routes.map((spec) => rpcRoute(projectsRoutes, spec).definition), []);
    const byPath = new Map(rpcs.map((rpc) => [rpc.path, rpc]));
    expect(byPath.get('/zvonar.projects.v1.ProjectsService/CreateProject')).toMatchObject({ upstream: 'projects', scope: 'projects.write', kind: 'unary', mutating: true });
    expect(byPath.get('/zvonar.projects.v1.ProjectsService/GetProject')).toMatchObject({ scope: 'projects.read', mutating: false });
    // Two routes (the project's and the caller's invitations) share one RPC: served once.
    expect(rpcs.filter((rpc) => rpc.path.endsWith('/ListInvitations'))).toHaveLength(1);
    expect(byPath.has('/zvonar.projects.v1.ProjectsService/CheckProjectAccess')).toBe(false);
    expect(rpcs).toHaveLength(new Set(projectsRoutes.routes.map((spec) => spec.rpc)).size);
  });

  it('adds the gRPC-only streams and the caller fields of the route tables', () => {
    const rpcs = publicRpcs(
      audiencesRoutes.routes.map((spec) => rpcRoute(audiencesRoutes, spec).definition),
      (audiencesRoutes.grpcOnly ?? []).map(({ rpc, scope }) => ({ rpc: { upstream: 'audiences', grpcPackage: audiencesV1Package, service: audiencesV1.AUDIENCES_SERVICE_NAME, method: rpc }, scope })),
    );
    expect(rpcs.find((rpc) => rpc.path.endsWith('/StreamSegmentContacts'))).toMatchObject({ kind: 'server-stream', scope: 'audiences.read', mutating: false });
    expect(rpcs.find((rpc) => rpc.path.endsWith('/AddToDoNotCall'))?.callerFields).toEqual([['accountId', 'accountId']]);
  });

  it('leaves out public routes and routes without an RPC', () => {
    const rpcs = publicRpcs([route({ access: 'public', rpc: projectsRpc('GetProject') }), route({ operationId: 'handWritten' })], []);
    expect(rpcs).toEqual([]);
  });

  it('fails the boot on routes of one RPC asking for different scopes, or on an RPC the proto lacks', () => {
    expect(() => publicRpcs([route({ rpc: projectsRpc('GetProject'), scope: 'projects.read' }), route({ rpc: projectsRpc('GetProject'), scope: 'projects.write' })], [])).toThrow(/scope/);
    expect(() => publicRpcs([route({ rpc: projectsRpc('NoSuchRpc') })], [])).toThrow(/has no rpc NoSuchRpc/);
  });
});
