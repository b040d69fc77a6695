// The bench's handle on gateway-platform.child.ts (a bench child, see bench-child.ts): its
// addresses, and the commands it answers over the IPC channel.
import path from 'node:path';
import { forkBenchChild, type BenchChildMessage } from './bench-child';
import type { HopCost, HopCostInput } from './gateway-hop-costs';
import type { TraceReport } from './request-tracing';

export type ChildCommand =
  | { id: number; command: 'trace-start' | 'trace-stop' | 'profile-start' | 'cpu-usage' | 'stop' }
  | { id: number; command: 'profile-stop'; file: string }
  | { id: number; command: 'measure-hops'; input: HopCostRequest };

/** What the bench tells the child for measureHopCosts; the child adds the addresses. */
export type HopCostRequest = Omit<HopCostInput, 'identityGrpcUrl' | 'projectsGrpcUrl' | 'databaseUrl'>;

type Addresses = { gatewayUrl: string; baselineUrl: string };
export type ChildMessage = BenchChildMessage<Addresses>;

type Command = ChildCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

export interface GatewayPlatform {
  readonly pid: number;
  /** `http://127.0.0.1:port` of the gateway's REST API. */
  readonly gatewayUrl: string;
  /** `http://127.0.0.1:port` of the bare Fastify handler in the same process. */
  readonly baselineUrl: string;
  /** Counts and times SQL statements and gRPC calls in the child until `stopTracing`. */
  startTracing(): Promise<void>;
  stopTracing(): Promise<TraceReport>;
  /** Samples the child's CPU until `stopProfile`, which writes the `.cpuprofile` to `file`. */
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
  /** The child's CPU time so far (µs): what it really ran, however busy the machine. */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  /** Each piece of the GET alone, measured in the child (see gateway-hop-costs.ts). */
  measureHopCosts(input: HopCostRequest): Promise<HopCost[]>;
  /** The same, user + system. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

export async function startGatewayPlatform(databaseUrl: string): Promise<GatewayPlatform> {
  const child = await forkBenchChild<Addresses, Command>(path.join(__dirname, 'gateway-platform.child.ts'), { BENCH_DATABASE_URL: databaseUrl }, 'the platform');
  const { ask } = child;
  return {
    pid: child.pid,
    gatewayUrl: child.ready.gatewayUrl,
    baselineUrl: child.ready.baselineUrl,
    startTracing: async () => void (await ask({ command: 'trace-start' })),
    stopTracing: async () => (await ask({ command: 'trace-stop' })) as TraceReport,
    startProfile: async () => void (await ask({ command: 'profile-start' })),
    stopProfile: async (file) => void (await ask({ command: 'profile-stop', file })),
    measureHopCosts: async (input) => (await ask({ command: 'measure-hops', input })) as HopCost[],
    cpuUsage: async () => (await ask({ command: 'cpu-usage' })) as NodeJS.CpuUsage,
    cpuMicros: child.cpuMicros,
    stop: child.stop,
  };
}
