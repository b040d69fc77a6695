import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** What a spec reads of an exported span: OTLP/JSON's fields, attributes flattened. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP SpanKind: 4 PRODUCER, 5 CONSUMER. */
  readonly kind: number;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: { key: string; value: OtlpValue }[] };
type OtlpExport = { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] };

const valueOf = (value: OtlpValue): string | number | boolean =>
  value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.doubleValue ?? '';

const bodyOf = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
};

/**
 * A stand-in OTLP/HTTP collector on 127.0.0.1 (JSON encoding, what
 * `@opentelemetry/exporter-trace-otlp-http` sends). It keeps only the spans `keep` selects: the
 * platform also traces every PostgreSQL poll, far more than a spec wants to hold.
 */
export class OtlpReceiver {
  private readonly kept: ReceivedSpan[] = [];
  private received = 0;

  private readonly server: Server;

  private constructor(private readonly keep: (span: ReceivedSpan) => boolean) {
    this.server = createServer((request, response) => {
      void (async () => {
        if (request.method !== 'POST' || request.url !== '/v1/traces') {
          response.writeHead(404).end();
          return;
        }
        this.take(JSON.parse((await bodyOf(request)).toString('utf8')) as OtlpExport);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      })().catch(() => response.writeHead(400).end());
    });
  }

  static async start(keep: (span: ReceivedSpan) => boolean): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver(keep);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** The value of OTEL_EXPORTER_OTLP_ENDPOINT for the platform. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Spans kept so far, and how many arrived in all. */
  spans(): { kept: readonly ReceivedSpan[]; received: number } {
    return { kept: [...this.kept], received: this.received };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private take(exported: OtlpExport): void {
    for (const resource of exported.resourceSpans ?? [])
      for (const scope of resource.scopeSpans ?? [])
        for (const span of scope.spans ?? []) {
          this.received += 1;
          const received: ReceivedSpan = {
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            name: span.name,
            kind: span.kind,
            attributes: Object.fromEntries((span.attributes ?? []).map(({ key, value }) => [key, valueOf(value)])),
          };
          if (this.keep(received)) this.kept.push(received);
        }
  }
}

/** The environment that makes a platform process export its spans here, promptly and without dropping any. */
export const exportingTo = (receiver: OtlpReceiver): Record<string, string> => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
  OTEL_BSP_SCHEDULE_DELAY: '250',
  // The embedded bus traces every poll: a queue this deep keeps the few spans the spec needs.
  OTEL_BSP_MAX_QUEUE_SIZE: '200000',
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '4096',
});
