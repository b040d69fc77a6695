import { Inject, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { negotiateLanguage, SERVICE_CONFIG } from '@zvonar/platform';
import type { audiencesV1 } from '@zvonar/proto-ts';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../../config/gateway.config';
import { AUDIENCES_UPSTREAM } from '../../gateway.di-tokens';
import { GatewayController } from '../../http/gateway-controller.decorator';
import { gatewayMessages, say } from '../../http/gateway-messages';
import { GatewayProblem } from '../../http/problem';
import { Endpoint, type RouteInput, type RouteOutput } from '../../http/route';
import { Context, Input } from '../../http/route-input.decorator';
import type { CallContext } from '../../upstream/call-context';
import type { Upstream } from '../../upstream/upstream';
import { UPLOAD_CONTENT_TYPES, uploadImport } from './upload.route';

// Below gRPC's 4 MiB default message limit with room for the envelope.
const CHUNK_BYTES = 1024 * 1024;

type Audiences = Upstream<audiencesV1.AudiencesServiceClient>;

/**
 * The audience file upload: the raw body (so a browser or curl sends the file as is, no multipart
 * framing), passed on to UploadImport in 1 MiB chunks appended to one upload.
 */
@GatewayController()
export class UploadHttpController implements OnModuleInit {
  constructor(
    @Inject(AUDIENCES_UPSTREAM) private readonly audiences: Audiences,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Fastify parses only JSON by default; file bodies get their own parser with their own limit. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser([...UPLOAD_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: this.config.IMPORT_UPLOAD_MAX_BYTES }, (_request, body, done) => done(null, body));
  }

  @Endpoint(uploadImport)
  async upload(@Input() { params, query, body }: RouteInput<typeof uploadImport>, @Context() context: CallContext): Promise<RouteOutput<typeof uploadImport>> {
    if (!Buffer.isBuffer(body) || body.length === 0) throw this.notAFile(context);
    let answer: audiencesV1.UploadImportResponse = { uploadId: '', sizeBytes: 0, limitBytes: 0 };
    for (let offset = 0; offset < body.length; offset += CHUNK_BYTES) {
      const chunk: audiencesV1.UploadImportRequest = { projectId: params.projectId, fileName: query.fileName, content: body.subarray(offset, offset + CHUNK_BYTES), uploadId: answer.uploadId };
      answer = await this.audiences.call(context, (audiences, metadata) => audiences.uploadImport(chunk, metadata));
    }
    return { uploadId: answer.uploadId, sizeBytes: answer.sizeBytes, limitBytes: answer.limitBytes };
  }

  private notAFile(context: CallContext): GatewayProblem {
    const language = negotiateLanguage(context.acceptLanguage);
    return new GatewayProblem(415, 'FILE_REQUIRED', say(gatewayMessages.unsupportedMediaType, language));
  }
}

