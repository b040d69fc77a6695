/**
 * How a service finds another's gRPC server: the variable `<NAME>_GRPC_URL` (`host:port`), named
 * after the service (`call-control` → `CALL_CONTROL_GRPC_URL`). In Kubernetes the chart sets it to
 * the other service's ClusterIP name; the all-in-one host and the distributed runner pick a
 * loopback port per service first and hand every service the whole map, so the order services
 * start in never matters.
 */
export const grpcUrlVariable = (serviceName: string): string =>
  `${serviceName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_GRPC_URL`;

/** `{ SCENARIOS_GRPC_URL: '127.0.0.1:4711', ... }` for services listening on loopback ports. */
export const loopbackGrpcUrls = (ports: ReadonlyMap<string, number>): Record<string, string> =>
  Object.fromEntries([...ports].map(([name, port]) => [grpcUrlVariable(name), `127.0.0.1:${port}`]));
