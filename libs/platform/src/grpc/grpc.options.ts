import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { protoRoot, type GrpcPackage } from '@zvonar/proto-ts';

/**
 * How proto-loader turns wire messages into objects. It must agree with the ts-proto options in
 * proto/buf.gen.yaml, or handlers would receive objects that do not match their generated types:
 * camelCase fields, enums as their names (stringEnums), int64 as numbers (forceLong=number),
 * unset scalars as their defaults (ts-proto's non-optional fields).
 */
export const protoLoaderOptions = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protoRoot],
};

/** Nest gRPC transport options for serving or calling the given proto packages at `url`. */
export function grpcTransportOptions(url: string, packages: readonly GrpcPackage[]): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      url,
      package: packages.map((pkg) => pkg.package),
      protoPath: packages.flatMap((pkg) => pkg.protoPaths),
      loader: protoLoaderOptions,
    },
  };
}
