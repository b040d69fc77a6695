import { audiencesService } from '@zvonar/audiences';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { signedUpUser } from './journey';
import { platformForSuite } from './platform-under-test';
import { RestClient } from './rest-client';

const CSV = ['phone;name;city', '+79161234567;Анна;Москва', '+73432123456;Борис;Екатеринбург', '+74232123456;Вера;Владивосток', 'not a phone;Глеб;Омск'].join('\n');

/**
 * A project with a custom field and a CSV audience imported into it, through the REST API only,
 * against the real projects and audiences services (routes derived from their .proto files).
 */
describeWithPostgres('gateway: a project and its audience over REST', (serverUrl) => {
  const suite = platformForSuite(serverUrl, 'gateway_audiences', [audiencesService]);

  it('creates a project with a custom field, imports a CSV audience into it, and keeps both from other accounts', async () => {
    const { client: owner } = await signedUpUser(suite.api);
    const created = await owner.post('/api/v1/projects', { name: 'Осенний обзвон', customFields: [{ key: 'city', name: 'Город', type: 'string' }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Осенний обзвон', status: 'active', customFields: [{ key: 'city', name: 'Город', type: 'string' }] });
    const projectId = created.body.projectId as string;
    expect((await owner.get('/api/v1/projects?list=mine')).body.items).toEqual([expect.objectContaining({ projectId })]);

    // audiences learns of the project from its event; until then it does not know it.
    const segment = await eventually(
      async () => {
        const answer = await owner.post(`/api/v1/projects/${projectId}/segments`, { name: 'База', kind: 'audience' });
        return answer.status === 201 && answer;
      },
      { timeoutMs: 20_000, what: 'audiences to accept the new project' },
    );
    const segmentId = segment.body.segment.segmentId as string;

    const upload = await owner.post(`/api/v1/projects/${projectId}/imports?fileName=base.csv`, CSV, { 'content-type': 'text/csv' });
    expect(upload.status).toBe(201);
    expect(upload.body.sizeBytes).toBe(Buffer.byteLength(CSV));
    const preview = await owner.post(`/api/v1/imports/${upload.body.uploadId}/preview`, {});
    expect(preview.body).toMatchObject({ fileKind: 'csv', delimiter: ';', columnCount: 3 });

    const started = await owner.post(`/api/v1/imports/${upload.body.uploadId}/start`, {
      segmentId,
      hasHeader: true,
      mapping: [{ kind: 'phone' }, { kind: 'custom', customFieldKey: 'name' }, { kind: 'custom', customFieldKey: 'city' }],
      customFieldKeys: ['name', 'city'],
      options: { defaultCountry: 'RU' },
    });
    expect(started.status).toBe(202);
    const job = await eventually(
      async () => {
        const answer = await owner.get(`/api/v1/import-jobs/${started.body.jobId}`);
        return answer.body.state !== 'running' && answer.body;
      },
      { timeoutMs: 20_000, what: 'the import to finish' },
    );
    expect(job).toMatchObject({ state: 'completed', rowsImported: 3, rowsRejected: 1 });
    const contacts = await owner.get(`/api/v1/segments/${segmentId}/contacts?limit=10`);
    expect(contacts.body.items.map((contact: { phone: string }) => contact.phone)).toEqual(['+79161234567', '+73432123456', '+74232123456']);
    expect((await owner.get(`/api/v1/segments/${segmentId}/contacts?filter.status=active`)).body.items).toHaveLength(3);
    expect((await owner.get(`/api/v1/segments/${segmentId}/contacts?filter.status=inactive`)).body.items).toHaveLength(0);

    const { client: stranger } = await signedUpUser(suite.api);
    expect((await stranger.get(`/api/v1/projects/${projectId}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/segments/${segmentId}/contacts`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/projects/${projectId}/imports`, CSV, { 'content-type': 'text/csv' })).status).toBe(404);
  });

  it('refuses a file over the upload limit with 413 and a body that is not a file with 415', async () => {
    const small = await suite.platform.startGateway({ IMPORT_UPLOAD_MAX_BYTES: '64' });
    const { accessToken } = await signedUpUser(suite.api);
    const rest = new RestClient(small.httpUrl, { authorization: `Bearer ${accessToken}` });

    const tooLarge = await rest.post('/api/v1/projects/p-1/imports', CSV, { 'content-type': 'text/csv' });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');

    const notAFile = await rest.post('/api/v1/projects/p-1/imports', { phones: [] });
    expect(notAFile.status).toBe(415);
  });
});
