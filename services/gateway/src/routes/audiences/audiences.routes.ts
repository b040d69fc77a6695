import { audiencesV1, audiencesV1Package } from '@zvonar/proto-ts';
import type { RpcGroup } from '../../rpc/rpc-route';

const segment = '/api/v1/segments/:segmentId';

/**
 * Segments, imports, contacts and the do-not-call list: AudiencesService as REST. The file upload
 * itself is a raw-body route of its own (audiences-upload.http.controller.ts).
 */
export const audiencesRoutes: RpcGroup = {
  name: 'audiences',
  grpcPackage: audiencesV1Package,
  service: audiencesV1.AUDIENCES_SERVICE_NAME,
  scope: 'audiences',
  routes: [
    { method: 'POST', path: '/api/v1/projects/:projectId/segments', rpc: 'CreateSegment', status: 201 },
    { method: 'GET', path: '/api/v1/projects/:projectId/segments', rpc: 'ListSegments', items: 'segments' },
    { method: 'GET', path: segment, rpc: 'GetSegment', answer: 'segment' },
    { method: 'POST', path: `${segment}/copy`, rpc: 'CopySegment', answer: 'segment' },
    { method: 'PUT', path: `${segment}/name`, rpc: 'RenameSegment', answer: 'segment' },
    { method: 'DELETE', path: segment, rpc: 'DeleteSegment', status: 204 },
    { method: 'POST', path: '/api/v1/imports/:uploadId/preview', rpc: 'PreviewImport' },
    { method: 'POST', path: '/api/v1/imports/:uploadId/start', rpc: 'StartImport', answer: 'job', status: 202 },
    { method: 'GET', path: '/api/v1/import-jobs/:jobId', rpc: 'GetImportJob', answer: 'job' },
    { method: 'GET', path: '/api/v1/import-jobs/:jobId/error-report', rpc: 'GetImportErrorReport', description: 'csv is the report file, base64-encoded.' },
    { method: 'GET', path: `${segment}/contacts`, rpc: 'ListContacts', items: 'contacts' },
    { method: 'PATCH', path: '/api/v1/contacts/:contactId', rpc: 'UpdateContact', answer: 'contact' },
    { method: 'POST', path: `${segment}/contacts/delete`, rpc: 'DeleteContacts' },
    { method: 'POST', path: `${segment}/export`, rpc: 'ExportSegment', description: 'content is the file, base64-encoded.' },
    { method: 'POST', path: `${segment}/filtered-copy`, rpc: 'CreateSegmentFromFilter', answer: 'segment', status: 201 },
    { method: 'POST', path: `${segment}/phone-validation`, rpc: 'ValidatePhones' },
    { method: 'POST', path: `${segment}/email-validation`, rpc: 'ValidateEmails' },
    { method: 'POST', path: '/api/v1/do-not-call', rpc: 'AddToDoNotCall', callerFields: { accountId: 'accountId' } },
    { method: 'POST', path: '/api/v1/do-not-call/remove', rpc: 'RemoveFromDoNotCall', callerFields: { accountId: 'accountId' } },
    { method: 'GET', path: '/api/v1/do-not-call', rpc: 'ListDoNotCall', items: 'entries', callerFields: { accountId: 'accountId' } },
  ],
  // A segment's contacts one message each, in constant memory however large: the partner's export.
  grpcOnly: [{ rpc: 'StreamSegmentContacts', scope: 'audiences.read' }],
};
