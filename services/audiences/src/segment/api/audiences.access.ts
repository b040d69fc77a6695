import type { Metadata } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import { isStaff, optionalPrincipalFrom, principalFromMetadata, PROJECT_ACCESS, ProjectAccessRefusal, type ProjectAccess } from '@zvonar/project-access';
import type { AccessNeed, Principal } from '@zvonar/project-access';
import { SEGMENT_STORE } from '../../audiences.di-tokens';
import { IMPORT_JOBS, UPLOADS } from '../../import-job/application/import-jobs';
import type { PostgresImportJobs } from '../../import-job/infrastructure/postgres.import-jobs';
import type { PostgresUploads } from '../../import-job/infrastructure/postgres.uploads';
import { notFound } from '../application/texts';
import type { Segment } from '../domain/segment';
import type { PostgresSegmentStore } from '../infrastructure/postgres.segment-store';
import { localeOf } from './call-locale';

type Resource = Parameters<typeof notFound>[0];

/**
 * Who may do what, checked in the service on its project-access read model (libs/project-access):
 * a resource addressed by its own id (segment, upload, job, contact) is loaded and the caller's
 * access asserted on its project; a missing resource and someone else's are the same NOT_FOUND,
 * in the same words, so ids of other tenants are never confirmed.
 */
@Injectable()
export class AudiencesAccess {
  constructor(
    @Inject(PROJECT_ACCESS) private readonly access: ProjectAccess,
    @Inject(SEGMENT_STORE) private readonly segments: PostgresSegmentStore,
    @Inject(UPLOADS) private readonly uploads: PostgresUploads,
    @Inject(IMPORT_JOBS) private readonly jobs: PostgresImportJobs,
  ) {}

  /** A blank project id passes here so the request's validation names the field. */
  async project(metadata: Metadata | undefined, projectId: string, need: AccessNeed): Promise<void> {
    const principal = principalFromMetadata(metadata);
    if (projectId.trim() !== '') await this.access.assertAccess(principal, projectId, need);
  }

  /** The segment if the caller may `need` it; NOT_FOUND otherwise (the application words it). */
  async segment(metadata: Metadata | undefined, segmentId: string, need: AccessNeed): Promise<Segment | null> {
    const principal = principalFromMetadata(metadata);
    const segment = await this.segments.get(segmentId);
    if (!segment) return null;
    await this.assertOn(metadata, principal, ['segment', segmentId], segment.projectId, need);
    return segment;
  }

  /**
   * The dialer (campaigns) reads a segment's contacts without a principal: it is an internal
   * caller, and the gateway exposes no route to the stream. A call that carries one is checked.
   */
  async segmentForStream(metadata: Metadata | undefined, segmentId: string): Promise<void> {
    const principal = optionalPrincipalFrom(metadata);
    if (!principal) return;
    const segment = await this.segments.get(segmentId);
    if (segment) await this.assertOn(metadata, principal, ['segment', segmentId], segment.projectId, 'read');
  }

  async upload(metadata: Metadata | undefined, uploadId: string, need: AccessNeed): Promise<void> {
    const principal = principalFromMetadata(metadata);
    const upload = uploadId === '' ? null : await this.uploads.get(uploadId);
    if (upload) await this.assertOn(metadata, principal, ['upload', uploadId], upload.projectId, need);
  }

  async job(metadata: Metadata | undefined, jobId: string): Promise<void> {
    const principal = principalFromMetadata(metadata);
    const job = await this.jobs.get(jobId);
    const segment = job && (await this.segments.get(job.segmentId));
    if (segment) await this.assertOn(metadata, principal, ['job', jobId], segment.projectId, 'read');
    else if (job) throw notFound('job', jobId, localeOf(metadata));
  }

  async contact(metadata: Metadata | undefined, contactId: string, need: AccessNeed): Promise<void> {
    const principal = principalFromMetadata(metadata);
    const contact = await this.segments.contact(this.segments.pool, contactId);
    const segment = contact && (await this.segments.get(contact.segmentId));
    if (segment) await this.assertOn(metadata, principal, ['contact', contactId], segment.projectId, need);
  }

  /** The do-not-call list of an account: its own users; staff may read it. */
  account(metadata: Metadata | undefined, accountId: string, need: 'read' | 'write'): void {
    const principal = principalFromMetadata(metadata);
    if (principal.accountId === accountId) return;
    if (need === 'read' && isStaff(principal)) return;
    throw new ProjectAccessRefusal('forbidden');
  }

  /**
   * Asserts `need` on the project of a resource; a caller who may not see the project is told the
   * resource does not exist, exactly as if it did not (the access rule's own NOT_FOUND names the
   * project instead, which would confirm the id to another tenant).
   */
  private async assertOn(metadata: Metadata | undefined, principal: Principal, [what, id]: [Resource, string], projectId: string, need: AccessNeed): Promise<void> {
    try {
      await this.access.assertAccess(principal, projectId, need);
    } catch (error) {
      if (error instanceof ProjectAccessRefusal && error.kind === 'not-found') throw notFound(what, id, localeOf(metadata));
      throw error;
    }
  }
}
