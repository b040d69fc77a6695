import { Module } from '@nestjs/common';
import { CALLS_UPSTREAM } from '../../gateway.di-tokens';
import { rpcController } from '../../rpc/rpc-controller';
import { upstreamProvider } from '../../upstream/upstream';
import { callsRoutes } from './calls.routes';

/** The calls routes and their client (CALL_CONTROL_GRPC_URL; 503 naming call-control when it is missing). */
@Module({
  controllers: [rpcController(callsRoutes, CALLS_UPSTREAM, 'CallsHttpController')],
  providers: [upstreamProvider(CALLS_UPSTREAM, callsRoutes)],
})
export class CallsRoutesModule {}
