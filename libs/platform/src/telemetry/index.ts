// The light entry (@zvonar/platform/telemetry): nothing here may import NestJS, pg, grpc-js,
// fastify or kafkajs, or they would load before their instrumentation.
export { startTelemetry, stopTelemetry, type Telemetry, type TelemetryMode } from './start-telemetry';
export { injectTraceContext, extractTraceContext, withTraceContext, type MessageHeaders } from './trace-context';
