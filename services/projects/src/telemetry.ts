// Imported first by main.ts: instrumentations only patch modules loaded after them.
import { startTelemetry } from '@zvonar/platform/telemetry';

startTelemetry({ serviceName: 'projects' });
