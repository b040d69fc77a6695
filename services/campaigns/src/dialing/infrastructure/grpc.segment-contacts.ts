import { createGrpcClient, type GrpcClient } from '@zvonar/platform';
import { audiencesV1, audiencesV1Package } from '@zvonar/proto-ts';
import type { Observable } from 'rxjs';
import type { SegmentContact, SegmentContactSource } from '../application/segment-contacts.port';

/**
 * Reads the rxjs stream as an async iterable. The gRPC stream pushes without waiting for us, so
 * messages queue here while a batch is written; the loader's batches keep that queue short.
 */
async function* iterate<T>(source: Observable<T>, signal?: AbortSignal): AsyncGenerator<T> {
  const queue: T[] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const ring = () => {
    wake?.();
    wake = undefined;
  };
  const subscription = source.subscribe({
    next: (value) => {
      queue.push(value);
      ring();
    },
    error: (error: unknown) => {
      failure = error ?? new Error('segment stream failed');
      ring();
    },
    complete: () => {
      done = true;
      ring();
    },
  });
  const onAbort = () => {
    failure ??= signal?.reason ?? new Error('segment stream aborted');
    ring();
  };
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      const next = queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (done) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    subscription.unsubscribe();
  }
}

/** StreamSegmentContacts of the audiences service over gRPC. */
export class GrpcSegmentContacts implements SegmentContactSource {
  private readonly client: GrpcClient<audiencesV1.AudiencesServiceClient>;

  constructor(url: string, deadlineMs: number) {
    this.client = createGrpcClient<audiencesV1.AudiencesServiceClient>({ url, grpcPackage: audiencesV1Package, service: audiencesV1.AUDIENCES_SERVICE_NAME, deadlineMs });
  }

  async *stream(projectId: string, segmentId: string, signal?: AbortSignal): AsyncGenerator<SegmentContact> {
    for await (const message of iterate(this.client.service.streamSegmentContacts({ projectId, segmentId }), signal)) {
      const contact = message.contact;
      if (!contact) continue;
      yield { contactId: contact.contactId, phone: contact.phone, timeZones: contact.timeZones, region: contact.region, fields: contact.fields, blacklisted: contact.blacklisted };
    }
  }

  close(): void {
    this.client.close();
  }
}
