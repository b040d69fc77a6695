import { Inject, SetMetadata, type Type as NestType } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { GatewayController } from '../http/gateway-controller.decorator';
import { Endpoint, GRPC_ONLY_RPCS, type GrpcOnlyRpc } from '../http/route';
import { Context, Input } from '../http/route-input.decorator';
import type { CallContext } from '../upstream/call-context';
import type { Upstream } from '../upstream/upstream';
import type { Json } from './proto-json';
import { rpcRoute, type RpcGroup } from './rpc-route';

/** A generated client seen by method name: every unary method takes (request, metadata). */
type AnyClient = Record<string, (request: Json, metadata: unknown) => Observable<Json>>;

/**
 * A Nest controller serving `group`'s routes, one method per route, each routed, validated and
 * documented by its definition like a hand-written one, and calling its RPC on the upstream
 * provided under `upstreamToken`. Built at startup: a route that does not fit its RPC fails the boot.
 */
export function rpcController(group: RpcGroup, upstreamToken: symbol, className: string): NestType<unknown> {
  @GatewayController()
  class RpcController {
    constructor(@Inject(upstreamToken) readonly upstream: Upstream<AnyClient>) {}
  }
  for (const spec of group.routes) {
    const route = rpcRoute(group, spec);
    const name = route.definition.operationId;
    const handler = async function (this: RpcController, input: { params: unknown; query: unknown; body: unknown }, context: CallContext): Promise<unknown> {
      const request = route.request(input, context.caller);
      const response = await this.upstream.call(context, (client, metadata) => {
        const call = client[route.clientMethod];
        if (!call) throw new Error(`${group.name} client has no method ${route.clientMethod}`);
        return call.call(client, request, metadata);
      });
      return route.answer(response);
    };
    Object.defineProperty(RpcController.prototype, name, { value: handler, writable: true, configurable: true });
    const descriptor = Object.getOwnPropertyDescriptor(RpcController.prototype, name) as PropertyDescriptor;
    Endpoint(route.definition)(RpcController.prototype, name, descriptor);
    Input()(RpcController.prototype, name, 0);
    Context()(RpcController.prototype, name, 1);
  }
  const grpcOnly = (group.grpcOnly ?? []).map(
    ({ rpc, scope }): GrpcOnlyRpc => ({ rpc: { upstream: group.name, grpcPackage: group.grpcPackage, service: group.service, method: rpc }, scope }),
  );
  SetMetadata(GRPC_ONLY_RPCS, grpcOnly)(RpcController);
  Object.defineProperty(RpcController, 'name', { value: className });
  return RpcController;
}
