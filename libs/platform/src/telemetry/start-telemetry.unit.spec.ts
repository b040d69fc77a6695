import { loadConfig } from '../config/load-config';
import { platformConfigSchema } from '../config/platform.config';
import { startTelemetry, stopTelemetry } from './start-telemetry';

describe('startTelemetry', () => {
  afterEach(() => stopTelemetry());

  it('leaves tracing off on a malformed setting, which the service config check reports', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_TRACES_EXPORTER: 'jaeger' };
    expect(startTelemetry({ serviceName: 'billing', env }).mode).toBe('off');
    expect(() => loadConfig(platformConfigSchema, env, 'billing')).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: must be a URL starting with http:\/\/ or https:\/\/\n {2}OTEL_TRACES_EXPORTER: /,
    );
  });

  it('stays off when no exporter is configured', () => {
    expect(startTelemetry({ serviceName: 'billing', env: {} }).mode).toBe('off');
  });

  it('exports to OTLP when an endpoint is set, and to nowhere when traces are switched off', async () => {
    const endpoint = 'http://127.0.0.1:4318';
    expect(startTelemetry({ serviceName: 'billing', env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } }).mode).toBe(
      'otlp',
    );
    await stopTelemetry();
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_EXPORTER: 'none' };
    expect(startTelemetry({ serviceName: 'billing', env }).mode).toBe('off');
  });
});
