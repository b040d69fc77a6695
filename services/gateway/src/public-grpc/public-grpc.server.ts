import {
  Client,
  credentials,
  Metadata,
  Server,
  ServerCredentials,
  status as GrpcStatus,
  type handleServerStreamingCall,
  type handleUnaryCall,
  type MethodDefinition,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { grpcUrlVariable, InFlightWork, LOGGER, negotiateLanguage, SERVICE_CONFIG, ServiceDrainingError, type Language, type PlatformConfig } from '@zvonar/platform';
import type { Logger } from 'pino';
import { Authenticator } from '../auth/authenticator';
import { EdgeAdmission } from '../auth/edge-admission';
import type { GatewayConfig } from '../config/gateway.config';
import { RouteCatalogue } from '../openapi/route-catalogue';
import type { Caller } from '../upstream/call-context';
import { callMetadata } from '../upstream/call-metadata';
import { unavailable, UpstreamFailure } from '../upstream/upstream-failure';
import { withCallerFields } from './caller-fields';
import { forwardServerStream, forwardUnary, passBytes, type Forward, type PartnerCall } from './forwarding';
import { anonymousGrpcContext, grpcCredentialOf, metadataText } from './grpc-call-context';
import { GrpcIdempotency } from './grpc-idempotency';
import { GatewayGrpcStatus, grpcStatusOf, serviceErrorOf, type GrpcStatusObject } from './grpc-status';
import { publicRpcs, type PublicRpc } from './public-rpcs';

type Config = GatewayConfig & PlatformConfig;

/** Long enough for a call in flight to answer once draining has waited for it; then the rest are cut. */
const CLOSE_GRACE_MS = 2_000;

/**
 * The public gRPC API (PUBLIC_GRPC_PORT): the services' own RPCs behind the REST routes, served as
 * a transparent proxy. Each call passes the REST edge's checks (per-IP limit, credential in
 * metadata, per-account limit, the route's scope), then its request bytes go to the owning service
 * with metadata the gateway builds (the principal, language, trace context; never the partner's
 * `x-zvonar-*`), and the service's answer comes back as it was sent: messages, headers, status,
 * details and trailers (field violations included). Deadlines and cancellation follow the call.
 * Started when the app boots, so the all-in-one host gets it with the gateway module.
 */
@Injectable()
export class PublicGrpcServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | undefined;
  private boundAddress: string | undefined;
  private readonly clients = new Map<string, Client>();

  constructor(
    private readonly catalogue: RouteCatalogue,
    private readonly admission: EdgeAdmission,
    private readonly authenticator: Authenticator,
    private readonly idempotency: GrpcIdempotency,
    private readonly inFlight: InFlightWork,
    @Inject(SERVICE_CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** `host:port` it listens on; undefined when PUBLIC_GRPC_PORT is unset. */
  get address(): string | undefined {
    return this.boundAddress;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.PUBLIC_GRPC_PORT;
    if (port === undefined) {
      this.logger.info('public gRPC API not served (PUBLIC_GRPC_PORT unset)');
      return;
    }
    const rpcs = publicRpcs(this.catalogue.routes(), this.catalogue.grpcOnlyRpcs());
    const definition: Record<string, MethodDefinition<Buffer, Buffer>> = {};
    const handlers: UntypedServiceImplementation = {};
    for (const rpc of rpcs) {
      this.connect(rpc.upstream);
      definition[rpc.path] = {
        path: rpc.path,
        requestStream: false,
        responseStream: rpc.kind === 'server-stream',
        requestSerialize: passBytes,
        requestDeserialize: passBytes,
        responseSerialize: passBytes,
        responseDeserialize: passBytes,
      };
      handlers[rpc.path] = rpc.kind === 'server-stream' ? this.serverStream(rpc) : this.unary(rpc);
    }
    const server = new Server();
    server.addService(definition as ServiceDefinition, handlers);
    const host = this.config.PUBLIC_GRPC_HOST;
    const bound = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${port}`, ServerCredentials.createInsecure(), (error, chosen) => (error ? reject(error) : resolve(chosen))),
    );
    this.server = server;
    this.boundAddress = `${host}:${bound}`;
    this.logger.info({ address: this.boundAddress, rpcs: rpcs.length }, 'public gRPC API listening');
    this.logger.debug({ methods: rpcs.map(({ path }) => path) }, 'public gRPC methods');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      // Draining already waited for the calls in flight; a stream still open is cut after the grace.
      const closed = new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      const grace = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), CLOSE_GRACE_MS).unref());
      if ((await Promise.race([closed, grace])) === 'late') server.forceShutdown();
    }
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private connect(upstream: string): void {
    const url = (this.config as unknown as Record<string, unknown>)[grpcUrlVariable(upstream)];
    if (typeof url === 'string' && !this.clients.has(upstream)) this.clients.set(upstream, new Client(url, credentials.createInsecure()));
  }

  private unary(rpc: PublicRpc): handleUnaryCall<Buffer, Buffer> {
    return (call, callback) => {
      void this.serve(call, async (language) => {
        const { forward, caller } = await this.admit(rpc, call, call.request, language);
        const answer = await this.idempotency.run(rpc, call.metadata, caller.accountId, forward.request, language, () =>
          forwardUnary({ ...forward, defaultDeadlineMs: this.config.GRPC_CLIENT_DEADLINE_MS }),
        );
        // As on REST: the caller's next call must see what they just changed at identity.
        if (rpc.upstream === 'identity' && rpc.mutating) this.authenticator.identityChangedBy(caller);
        callback(null, answer.message, answer.trailers);
      }).then((failure) => {
        if (failure) callback(failure);
      });
    };
  }

  private serverStream(rpc: PublicRpc): handleServerStreamingCall<Buffer, Buffer> {
    return (call) => {
      void this.serve(call, async (language) => {
        const { forward } = await this.admit(rpc, call, call.request, language);
        call.end(await forwardServerStream(forward, call));
      }).then((failure) => {
        if (failure) call.emit('error', failure);
      });
    };
  }

  /** Runs one call as in-flight work (refused while draining); its failure, as the partner is told it. */
  private async serve(call: PartnerCall, work: (language: Language) => Promise<void>): Promise<GrpcStatusObject | undefined> {
    const language = negotiateLanguage(metadataText(call.metadata, 'accept-language'));
    let end: () => void;
    try {
      end = this.inFlight.begin();
    } catch (error) {
      if (error instanceof ServiceDrainingError) return new GatewayGrpcStatus(GrpcStatus.UNAVAILABLE, unavailable('gateway', language), 'SERVICE_DRAINING');
      throw error;
    }
    try {
      await work(language);
      return undefined;
    } catch (error) {
      return grpcStatusOf(error, language, this.logger);
    } finally {
      end();
    }
  }

  /** The edge's checks, then the call as it goes upstream. */
  private async admit(rpc: PublicRpc, call: PartnerCall, request: Buffer, language: Language): Promise<{ forward: Forward; caller: Caller }> {
    const anonymous = anonymousGrpcContext(call.metadata, call.getPeer(), this.config.TRUST_PROXY);
    this.admission.admitClient(anonymous.clientIp);
    const caller = await this.admission.admitCaller(grpcCredentialOf(call.metadata), anonymous, rpc.scope);
    const client = this.clients.get(rpc.upstream);
    if (!client) {
      const details = `${grpcUrlVariable(rpc.upstream)} is not set`;
      throw new UpstreamFailure(rpc.upstream, serviceErrorOf({ code: GrpcStatus.UNAVAILABLE, details, metadata: new Metadata() }));
    }
    const forward: Forward = {
      client,
      upstream: rpc.upstream,
      path: rpc.path,
      request: withCallerFields(rpc, request, caller, language),
      // Built from scratch: none of the partner's metadata keys reach the service unless listed here.
      metadata: callMetadata({ ...anonymous, caller }),
      parent: call,
    };
    return { forward, caller };
  }
}
