import { ConfigError } from '../config/config.error';
import { startTelemetry, stopTelemetry } from './start-telemetry';

describe('startTelemetry', () => {
  afterEach(() => stopTelemetry());

  it('stops the boot on a malformed exporter setting, naming the variable', () => {
    const start = () =>
      startTelemetry({
        serviceName: 'billing',
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_TRACES_EXPORTER: 'jaeger' },
      });
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: must be a URL starting with http:\/\/ or https:\/\//);
    expect(start).toThrow(/OTEL_TRACES_EXPORTER/);
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
