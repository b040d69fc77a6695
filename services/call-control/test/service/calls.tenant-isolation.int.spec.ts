import type { Metadata } from '@grpc/grpc-js';
import { principalMetadata } from '@zvonar/project-access';
import { describeTenantIsolation, ProjectsStandIn, type IsolationCast, type IsolationVerb } from '@zvonar/project-access/src/testing';
import { callControlV1 } from '@zvonar/proto-ts';
import { describeWithPostgres, eventually } from '@zvonar/testing';
import { aDtmfMenuScenario } from '../mothers/scenario.mother';
import { call, CallControlStand } from './call-control.harness';

const mix: callControlV1.CalleeBehaviourMix = {
  answer: 1,
  busy: 0,
  noAnswer: 0,
  rejected: 0,
  congestion: 0,
  machineShare: 0,
  hangUpMidPromptShare: 0,
  replies: [{ weight: 1, dtmf: '1' }],
  ring: { minMs: 1_000, maxMs: 2_000 },
};

describeWithPostgres('CallsService', (serverUrl) => {
  let stand: CallControlStand;
  let running: CallControlStand['running'];
  let parties: CallControlStand['parties'];
  let projects: ProjectsStandIn;
  let sequence = 0;

  beforeAll(async () => {
    stand = await CallControlStand.start(serverUrl, 'call_control_isolation', [{ ...aDtmfMenuScenario(), scenarioId: 'menu' }], (addresses) => ({ ...addresses, CONSUMER_GROUP_PREFIX: 'cc-isolation' }));
    ({ running, parties, projects } = stand);
  }, 60_000);

  afterAll(() => stand?.stop(), 60_000);

  /**
   * A call of the case's project, on record: the dialer asks for a version nobody published, so
   * call-control rejects it at once (a call with a timeline, without ringing anyone).
   */
  const aCall = async ({ projectId }: IsolationCast): Promise<string> => {
    const attemptId = `attempt-${++sequence}`;
    await parties.publisher.send({ attemptId, projectId, campaignId: `campaign-of-${projectId}`, contactId: 'contact-1', phone: '+79991234567', scenarioId: 'menu', scenarioVersion: 42 });
    await parties.observer.waitFor(attemptId, 'PlaceCallRejected');
    return attemptId;
  };
  const listing = (projectId: string, metadata: Metadata) =>
    call(
      running.client.listCalls(
        { projectId, campaignId: '', contactId: '', outcome: callControlV1.CallOutcome.CALL_OUTCOME_UNSPECIFIED, page: undefined, requestedFrom: undefined, requestedTo: undefined },
        metadata,
      ),
    );
  const onProject = (name: string, need: IsolationVerb['need'], run: (metadata: Metadata, projectId: string) => Promise<unknown>): IsolationVerb => ({
    name,
    need,
    call: (metadata, { projectId }) => run(metadata, projectId),
  });

  const verbs: IsolationVerb[] = [
    { name: 'GetCall', need: 'read', call: async (metadata, cast) => call(running.client.getCall({ callId: await aCall(cast) }, metadata)) },
    onProject('ListCalls', 'read', (metadata, projectId) => listing(projectId, metadata)),
    onProject('ConfigureSimulation', 'write', (metadata, projectId) => call(running.client.configureSimulation({ projectId, seed: 1, mix }, metadata))),
    onProject('GetSimulation', 'read', (metadata, projectId) => call(running.client.getSimulation({ projectId }, metadata))),
  ];

  describeTenantIsolation('call-control', () => ({
    givenProject: ({ owner, editor }) => projects.create({ owner, editor }),
    verbs,
    listings: [
      {
        // Naming the owner's project answers NOT_FOUND (the verbs); listing a project of their own
        // shows the stranger none of the owner's calls, once the owner's call is listed to the owner.
        name: 'ListCalls of the stranger’s own project',
        ids: async (metadata, cast) => {
          const theirs = await projects.create({ owner: cast.stranger });
          const callId = await aCall(cast);
          await eventually(async () => (await listing(cast.projectId, principalMetadata(cast.owner))).calls.some((summary) => summary.callId === callId), {
            what: `call ${callId} listed to its owner`,
          });
          return (await listing(theirs, metadata)).calls.map((summary) => summary.projectId);
        },
      },
    ],
  }));
});
