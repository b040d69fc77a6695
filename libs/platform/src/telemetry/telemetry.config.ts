import { z } from 'zod';
import { envUrl } from '../config/env.schemas';

/**
 * The OpenTelemetry variables we act on. Part of every service's config schema, so a malformed
 * one is reported with the service's other problems and stops the boot.
 */
export const telemetryConfigShape = {
  OTEL_EXPORTER_OTLP_ENDPOINT: envUrl('http', 'https').optional(),
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'console', 'none']).optional(),
};
