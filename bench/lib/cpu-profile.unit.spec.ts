import { areaOf, layerOf, summariseCpuProfile, type CpuProfile } from './cpu-profile';

describe('areaOf (which part of the platform a profiled frame belongs to)', () => {
  it.each([
    ['(garbage collector)', '', '(garbage collector)'],
    ['JSONParse', '', '(V8 builtins, native)'],
    ['writev', 'node:internal/stream_base_commons', 'node:stream_base_commons'],
    ['request', 'node:internal/http2/core', 'node:http2'],
    ['makeUnaryRequest', 'file:///work/main/node_modules/@grpc/grpc-js/build/src/client.js', '@grpc/grpc-js'],
    ['parse', 'file:///work/main/node_modules/pg-protocol/dist/parser.js', 'pg-protocol'],
    ['call', 'file:///work/main/services/gateway/src/upstream/upstream.ts', 'services/gateway'],
    ['run', 'file:///work/main/libs/platform/src/health/readiness.ts', 'libs/platform'],
  ])('%s at %s is %s', (functionName, url, area) => {
    expect(areaOf(functionName, url)).toBe(area);
  });

  it('groups areas into the layers a request crosses', () => {
    expect(layerOf('@grpc/grpc-js')).toMatch(/^gRPC/);
    expect(layerOf('node:http2')).toMatch(/^gRPC/);
    expect(layerOf('pg-pool')).toMatch(/^SQL/);
    expect(layerOf('find-my-way')).toMatch(/^HTTP edge/);
    expect(layerOf('services/projects')).toMatch(/^this repository/);
    expect(layerOf('node:streams')).toMatch(/^runtime/);
  });
});

describe('summariseCpuProfile', () => {
  it('given samples on three frames, when summarised, then each gets the time until the next sample and idle is not busy', () => {
    const frame = (id: number, functionName: string, url = '') => ({ id, callFrame: { functionName, url, lineNumber: 0 } });
    const profile: CpuProfile = {
      nodes: [frame(1, '(root)'), frame(2, '(idle)'), frame(3, 'makeUnaryRequest', 'file:///x/node_modules/@grpc/grpc-js/build/src/client.js'), frame(4, 'query', 'file:///x/node_modules/pg/lib/client.js')],
      samples: [3, 4, 4, 2],
      // Each delta is the time since the previous sample (µs); the last sample gets the last delta.
      timeDeltas: [0, 1000, 2000, 1000],
      startTime: 0,
      endTime: 4000,
    };
    const summary = summariseCpuProfile(profile);
    expect(summary.sampledMs).toBe(5);
    expect(summary.busyMs).toBe(4);
    expect(summary.areas).toEqual([
      { name: 'pg', ms: 3, share: 0.6 },
      { name: '@grpc/grpc-js', ms: 1, share: 0.2 },
      { name: '(idle)', ms: 1, share: 0.2 },
    ]);
    expect(summary.layers.map((layer) => [layer.name.split(' ')[0], layer.ms])).toEqual([
      ['SQL', 3],
      ['gRPC', 1],
      ['idle', 1],
    ]);
    expect(summary.functions[0]).toEqual({ name: 'query pg/lib/client.js:1', ms: 3, share: 0.6 });
  });
});
