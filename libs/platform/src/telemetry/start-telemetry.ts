import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ConsoleSpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { z } from 'zod';
import { ConfigError } from '../config/config.error';
import { loadConfig } from '../config/load-config';
import { telemetryConfigShape } from './telemetry.config';

const telemetryConfigSchema = z.object(telemetryConfigShape);

export type TelemetryMode = 'otlp' | 'console' | 'off';

export interface Telemetry {
  readonly mode: TelemetryMode;
  /** Flushes buffered spans; the bootstrap calls it last on shutdown. */
  shutdown(): Promise<void>;
}

let started: Telemetry | undefined;

/**
 * Starts tracing for the process. Call it before NestJS, pg, grpc-js or kafkajs are loaded:
 * instrumentations patch modules as they are required, so anything loaded earlier is not traced.
 * That is why services import it from the light entry `@zvonar/platform/telemetry` in a file
 * their main.ts imports first.
 *
 * OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads the endpoint and headers
 * itself), spans on stdout when OTEL_TRACES_EXPORTER=console, nothing otherwise. Calling it again
 * returns the running instance: the all-in-one process traces once for all hosted services.
 * A malformed setting leaves tracing off; the service's config check (which includes these
 * variables) then stops the boot and names it with every other problem.
 */
export function startTelemetry({
  serviceName,
  env = process.env,
}: {
  serviceName: string;
  env?: NodeJS.ProcessEnv;
}): Telemetry {
  if (started) return started;
  let config: z.output<typeof telemetryConfigSchema>;
  try {
    config = loadConfig(telemetryConfigSchema, env, serviceName);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    config = { OTEL_TRACES_EXPORTER: 'none' };
  }
  const exporter = chooseExporter(config);
  if (!exporter) {
    started = { mode: 'off', shutdown: async () => undefined };
    return started;
  }
  const sdk = new NodeSDK({
    serviceName,
    traceExporter: exporter.exporter,
    // Only what Zvonar talks through; the full auto-instrumentation set would patch ~40 modules
    // we do not use and slow every start.
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => /^\/(healthz|readyz)/.test(request.url ?? ''),
      }),
      new GrpcInstrumentation(),
      new PgInstrumentation(),
      new KafkaJsInstrumentation(),
      // Our logger adds trace_id/span_id itself (it must work without the SDK too); the
      // instrumentation would add the same fields a second time.
      new PinoInstrumentation({ disableLogCorrelation: true }),
    ],
  });
  sdk.start();
  started = { mode: exporter.mode, shutdown: () => sdk.shutdown() };
  return started;
}

function chooseExporter(
  config: z.output<typeof telemetryConfigSchema>,
): { mode: TelemetryMode; exporter: SpanExporter } | undefined {
  if (config.OTEL_TRACES_EXPORTER === 'none') return undefined;
  if (config.OTEL_TRACES_EXPORTER === 'console') return { mode: 'console', exporter: new ConsoleSpanExporter() };
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) return { mode: 'otlp', exporter: new OTLPTraceExporter() };
  return undefined;
}

/** Flushes and stops tracing if it was started; the last step of a graceful shutdown. */
export async function stopTelemetry(): Promise<void> {
  const running = started;
  started = undefined;
  await running?.shutdown();
}
