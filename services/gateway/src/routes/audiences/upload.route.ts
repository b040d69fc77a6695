import { audiencesV1, audiencesV1Package } from '@zvonar/proto-ts';
import { z } from 'zod';
import { IMPORT_UPLOAD_DEFAULT_MAX_BYTES } from '../../config/gateway.config';
import { defineRoute } from '../../http/route';

/** The file types an audience import takes (the service tells CSV from XLSX by the bytes). */
export const UPLOAD_CONTENT_TYPES = ['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;

export const uploadImport = defineRoute({
  method: 'POST',
  path: '/api/v1/projects/:projectId/imports',
  operationId: 'uploadImport',
  // Over gRPC a partner sends the chunks itself (UploadImport appends to the upload it names).
  rpc: { upstream: 'audiences', grpcPackage: audiencesV1Package, service: audiencesV1.AUDIENCES_SERVICE_NAME, method: 'UploadImport' },
  tag: 'audiences',
  summary: 'Upload an audience file (CSV or XLSX) as the raw request body; preview and start the import with the uploadId',
  description: `The body is the file itself (Content-Type text/csv, application/octet-stream or the XLSX type), at most IMPORT_UPLOAD_MAX_BYTES (default ${IMPORT_UPLOAD_DEFAULT_MAX_BYTES} bytes); a larger one is 413.`,
  access: 'authenticated',
  scope: 'audiences.write',
  params: z.strictObject({ projectId: z.string().min(1).max(200) }),
  query: z.strictObject({ fileName: z.string().min(1).max(255).default('contacts.csv').describe('The name the user gave the file') }),
  rawBody: { contentTypes: UPLOAD_CONTENT_TYPES, maxBytes: IMPORT_UPLOAD_DEFAULT_MAX_BYTES },
  response: z.object({
    uploadId: z.string(),
    sizeBytes: z.number().int().describe('Bytes received'),
    limitBytes: z.number().int().describe('The most the audiences service accepts for one file'),
  }),
  status: 201,
  problems: [403, 404, 413, 415],
});
