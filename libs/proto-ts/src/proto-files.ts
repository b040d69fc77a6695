import path from 'node:path';

/**
 * Root of the Buf module. Nest's gRPC transport loads .proto files at run time (proto-loader),
 * so servers and clients need the sources, not only the generated TypeScript.
 */
export const protoRoot = path.resolve(__dirname, '../../../proto');

/** What Nest's gRPC transport needs to serve or call one proto package. */
export interface GrpcPackage {
  /** Full proto package name, e.g. `zvonar.platform.v1`. */
  readonly package: string;
  /** Absolute paths of the package's .proto files. */
  readonly protoPaths: readonly string[];
}

/**
 * `grpcPackage('zvonar.platform.v1', 'status.proto')`: the files are named relative to the
 * package's folder, which Buf's PACKAGE_DIRECTORY_MATCH rule fixes to the package name.
 */
export function grpcPackage(name: string, ...files: string[]): GrpcPackage {
  const folder = path.join(protoRoot, ...name.split('.'));
  return { package: name, protoPaths: files.map((file) => path.join(folder, file)) };
}
