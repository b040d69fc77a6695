export { gatewayService, createGatewayService } from './gateway.service';
/** Where the public gRPC API listens (`app.get(PublicGrpcServer).address`), for a host that prints it. */
export { PublicGrpcServer } from './public-grpc/public-grpc.server';
