import { audiencesService } from '@zvonar/audiences';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { signedUpUser } from './journey';
import { platformForSuite } from './platform-under-test';

/**
 * E-mail validation over REST. The addresses are ones judged without DNS (disposable, malformed),
 * so the spec asks no name server: the DNS adapter itself is proven in audiences' specs against a
 * local responder.
 */
describeWithPostgres('gateway: e-mail validation of a segment over REST', (serverUrl) => {
  const suite = platformForSuite(serverUrl, 'gateway_audiences_email', [audiencesService]);

  it('validates into a new segment, shows the run with its counts and each contact with its verdict, and keeps strangers out', async () => {
    const { client: owner } = await signedUpUser(suite.api);
    const projectId = (await owner.post('/api/v1/projects', { name: 'Рассылка' })).body.projectId as string;
    const segment = await eventually(
      async () => {
        const answer = await owner.post(`/api/v1/projects/${projectId}/segments`, { name: 'Адреса', kind: 'audience', pastedList: 'x@mailinator.com\ny@eu.yopmail.com' });
        return answer.status === 201 && answer;
      },
      { timeoutMs: 20_000, what: 'audiences to accept the new project' },
    );
    const segmentId = segment.body.segment.segmentId as string;

    const { client: stranger } = await signedUpUser(suite.api);
    expect((await stranger.post(`/api/v1/segments/${segmentId}/email-validation`, { newSegmentName: '' })).status).toBe(404);

    const started = await owner.post(`/api/v1/segments/${segmentId}/email-validation`, { newSegmentName: 'Проверенные' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ segment: { name: 'Проверенные' }, run: { kind: 'email', state: 'running' } });
    const copyId = started.body.segment.segmentId as string;
    const run = await eventually(
      async () => {
        const answer = await owner.get(`/api/v1/segments/${copyId}`);
        const history = answer.body.scoringHistory as Array<{ state: string }>;
        return history[0]?.state === 'completed' && history[0];
      },
      { timeoutMs: 20_000, what: 'the run to complete' },
    );
    expect(run).toMatchObject({ contactsChecked: 2, emailResults: { valid: 0, invalidSyntax: 0, noMailServer: 0, disposable: 2, unknown: 0 } });
    const contacts = await owner.get(`/api/v1/segments/${copyId}/contacts`);
    expect(contacts.body.items.map((contact: { email: string; emailStatus: string; status: string }) => [contact.email, contact.emailStatus, contact.status])).toEqual([
      ['x@mailinator.com', 'disposable', 'inactive'],
      ['y@eu.yopmail.com', 'disposable', 'inactive'],
    ]);
  });
});
