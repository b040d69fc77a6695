import { campaignsV1Package, projectsV1Package } from '@zvonar/proto-ts';
import { protoRootOf } from './proto-catalogue';
import { enumNames, fromProto, messageSchema, toProto } from './proto-json';

const projects = protoRootOf(projectsV1Package);
const campaigns = protoRootOf(campaignsV1Package);

describe('proto JSON', () => {
  it('names enum values without their prefix, in lower case', () => {
    expect([...enumNames(projects.lookupEnum('zvonar.projects.v1.ProjectList')).values()]).toEqual(['unspecified', 'mine', 'shared_with_me', 'archive']);
  });

  it('turns a proto-loader message into REST JSON: enums by name, Timestamps as ISO, unset messages null, every field present', () => {
    const project = projects.lookupType('zvonar.projects.v1.Project');
    const json = fromProto(
      { projectId: 'p-1', name: 'Опрос', status: 'PROJECT_STATUS_ACTIVE', customFields: [{ key: 'city', name: 'Город', type: 'CUSTOM_FIELD_TYPE_STRING' }], createdAt: new Date('2026-03-02T09:00:00Z'), archivedAt: null },
      project,
    );
    expect(json).toMatchObject({
      projectId: 'p-1',
      description: '',
      status: 'active',
      customFields: [{ key: 'city', name: 'Город', type: 'string' }],
      tags: [],
      createdAt: '2026-03-02T09:00:00.000Z',
      archivedAt: null,
    });
    expect(messageSchema(project, 'response').safeParse(json).success).toBe(true);
  });

  it('turns a REST body into what proto-loader serialises: enum names back, nested messages converted', () => {
    const request = projects.lookupType('zvonar.projects.v1.AddCustomFieldRequest');
    expect(toProto({ projectId: 'p-1', field: { key: 'city', name: 'Город', type: 'date' } }, request)).toEqual({
      projectId: 'p-1',
      field: { key: 'city', name: 'Город', type: 'CUSTOM_FIELD_TYPE_DATE' },
    });
  });

  it('takes null for an unset message in a request, so an answer can be sent back as it was read', () => {
    const request = campaigns.lookupType('zvonar.campaigns.v1.UpdateCampaignRequest');
    const body = { settings: { name: 'Осень', scenario: null, pace: null } };
    expect(messageSchema(request, 'request', { omit: ['campaignId'] }).safeParse(body).success).toBe(true);
    expect(toProto(body, request)).toEqual({ settings: { name: 'Осень' } });
  });

  it('validates request bodies strictly: unknown fields, wrong enum names and out-of-range numbers are refused', () => {
    const settings = messageSchema(campaigns.lookupType('zvonar.campaigns.v1.CreateCampaignRequest'), 'request', { omit: ['projectId'] });
    expect(settings.safeParse({ settings: { name: 'Осень' } }).success).toBe(true);
    expect(settings.safeParse({ projectId: 'p-1' }).success).toBe(false);
    expect(settings.safeParse({ settings: { name: 'Осень', colour: 'red' } }).success).toBe(false);
    expect(settings.safeParse({ settings: { schedule: { weekdays: [2 ** 40] } } }).success).toBe(false);
  });
});
