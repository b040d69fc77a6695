import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The recorded ARI traces (see their README): what a real Asterisk 22 sent and answered.
export const TRACE_DIR = join(__dirname, '../../../../../shared/fixtures/ari-traces');

export interface TraceRequest {
  t_ms: number;
  kind: 'request';
  id: number;
  method: string;
  path: string;
  query: Record<string, string | number | boolean>;
  body: unknown;
  websocket?: boolean;
}

export interface TraceResponse {
  t_ms: number;
  kind: 'response';
  id: number;
  status: number;
  body: unknown;
}

export interface TraceEvent {
  t_ms: number;
  kind: 'event';
  event: Record<string, unknown>;
}

export type TraceEntry = TraceRequest | TraceResponse | TraceEvent;

export function traceFiles(): string[] {
  return readdirSync(TRACE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function loadTrace(file: string): TraceEntry[] {
  return JSON.parse(readFileSync(join(TRACE_DIR, file), 'utf8')) as TraceEntry[];
}
