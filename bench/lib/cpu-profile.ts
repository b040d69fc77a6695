// Reads a V8 CPU profile (the `.cpuprofile` JSON of `node --cpu-prof` or the inspector's
// Profiler.stop) and says where the samples landed: self time by area (an npm package, a
// service or lib of this repository, a Node internal module, GC, idle) and the hottest functions.
// Self time, not inclusive: a benchmark asks "what would be cheaper to remove", and that is where
// the CPU actually ran.

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
};

export type CpuProfile = { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[]; startTime: number; endTime: number };

export type ProfileShare = { name: string; ms: number; share: number };

export type ProfileSummary = { sampledMs: number; busyMs: number; layers: ProfileShare[]; areas: ProfileShare[]; functions: ProfileShare[] };

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** The part of the platform a frame belongs to. */
export function areaOf(functionName: string, url: string): string {
  if (SPECIAL.has(functionName)) return functionName;
  if (url === '') return '(V8 builtins, native)';
  if (url.startsWith('node:')) {
    const module = url.slice('node:'.length).replace(/^internal\//, '');
    return `node:${module.split('/')[0]}`;
  }
  const packages = url.split('/node_modules/');
  if (packages.length > 1) {
    const [scopeOrName = '', name = ''] = packages[packages.length - 1]!.split('/');
    return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
  }
  const workspace = /\/(services|libs|bench)\/([^/]+)\//.exec(url);
  return workspace ? `${workspace[1]}/${workspace[2]}` : url;
}

/** Areas grouped by what they do for a request, to say which layer is worth making cheaper. */
const LAYERS: readonly [string, RegExp][] = [
  ['gRPC between services (grpc-js, HTTP/2, protobuf, Nest microservices, rxjs)', /^(@grpc\/|node:http2$|protobufjs$|@protobufjs\/|long$|@nestjs\/microservices$|rxjs$)/],
  ['SQL client (pg)', /^(pg|pg-pool|pg-protocol|pg-types|postgres-[a-z]+|pgpass)$/],
  ['HTTP edge (Fastify, Nest core, Node HTTP/1)', /^(fastify|@fastify\/|find-my-way|light-my-request|avvio|fast-[a-z-]+|@nestjs\/(core|common|platform-fastify)|node:_http_[a-z]+|node:http)$/],
  ['validation (zod)', /^zod$/],
  ['this repository (services, libs)', /^(services|libs|bench)\//],
  ['GC', /^\(garbage collector\)$/],
  ['idle', /^\(idle\)$/],
];

export const layerOf = (area: string): string => LAYERS.find(([, pattern]) => pattern.test(area))?.[0] ?? 'runtime (V8 builtins, Node streams/net/events, other)';

const shortUrl = (url: string): string => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/work\/main\//, '');

/** Self time by area and by function (top `top`), in ms of the sampled time. */
export function summariseCpuProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const areas = new Map<string, number>();
  const layers = new Map<string, number>();
  const functions = new Map<string, number>();
  let sampledUs = 0;
  for (let index = 0; index < samples.length; index += 1) {
    const node = byId.get(samples[index]!);
    if (!node) continue;
    // A delta is the time since the previous sample; the next one is how long this frame ran.
    const us = Math.max(0, deltas[index + 1] ?? deltas[index] ?? 0);
    sampledUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const layer = layerOf(area);
    layers.set(layer, (layers.get(layer) ?? 0) + us);
    const where = url ? ` ${shortUrl(url)}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'}${where}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const idleUs = areas.get('(idle)') ?? 0;
  const shares = (table: Map<string, number>, limit: number): ProfileShare[] =>
    [...table]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: Math.round(us / 100) / 10, share: sampledUs ? Math.round((us / sampledUs) * 1000) / 1000 : 0 }));
  return { sampledMs: Math.round(sampledUs / 1000), busyMs: Math.round((sampledUs - idleUs) / 1000), layers: shares(layers, top), areas: shares(areas, top), functions: shares(functions, top) };
}
