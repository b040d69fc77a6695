import { callControlV1 } from '@zvonar/proto-ts';
import { isPastItsLease, placeCallRequestOf } from './place-call.mapper';

const aPlaceCall = (overrides: Partial<callControlV1.PlaceCall> = {}): callControlV1.PlaceCall => ({
  ...callControlV1.PlaceCall.decode(new Uint8Array()),
  attemptId: 'campaign-1:17:2',
  projectId: 'project-1',
  campaignId: 'campaign-1',
  contactId: 'contact-17',
  phone: '+79991234567',
  scenarioId: 'scenario-1',
  scenarioVersion: 3,
  ...overrides,
});

describe('placeCallRequestOf', () => {
  it("makes the variables the contact's fields and its name", () => {
    const request = placeCallRequestOf(aPlaceCall({ variables: { name: 'Анна', city: 'Казань' } }));
    expect(request.contact).toEqual({ id: 'contact-17', phone: '+79991234567', name: 'Анна', fields: { name: 'Анна', city: 'Казань' } });
    expect(request.scenario).toEqual({ scenarioId: 'scenario-1', version: 3 });
    expect(request.attemptId).toBe('campaign-1:17:2');
  });

  it('lets call-control choose the trunk, the caller ID and the waits the command leaves empty', () => {
    const request = placeCallRequestOf(aPlaceCall());
    expect(request).not.toHaveProperty('trunkId');
    expect(request).not.toHaveProperty('callerId');
    expect(request).not.toHaveProperty('leaseExpiresAt');
    expect(request).toMatchObject({ settings: { detectMachine: false, record: false } });
    expect(request.settings).not.toHaveProperty('answerWaitMs');
    expect(request.settings).not.toHaveProperty('actionWaitMs');
  });

  it("carries the campaign's trunk, caller ID, waits, recording and machine detection", () => {
    const request = placeCallRequestOf(aPlaceCall({ trunkId: 'own-sip', callerId: '+74951112233', answerWaitSeconds: 27, actionWaitSeconds: 7, record: true, detectMachine: true }));
    expect(request).toMatchObject({ trunkId: 'own-sip', callerId: '+74951112233', settings: { answerWaitMs: 27_000, actionWaitMs: 7_000, record: true, detectMachine: true } });
  });

  it("carries the dialer's lease, so a trunk slot after it does not ring", () => {
    const leaseExpiresAt = new Date('2026-03-02T10:15:00.000Z');
    expect(placeCallRequestOf(aPlaceCall({ leaseExpiresAt })).leaseExpiresAt).toEqual(leaseExpiresAt);
  });
});

describe('isPastItsLease', () => {
  const now = Date.parse('2026-03-02T10:00:00.000Z');

  it('holds a PlaceCall whose lease ran out before it arrived', () => {
    expect(isPastItsLease(aPlaceCall({ leaseExpiresAt: new Date(now - 1) }), now)).toBe(true);
  });

  it('places one within its lease, or one without a lease', () => {
    expect(isPastItsLease(aPlaceCall({ leaseExpiresAt: new Date(now + 60_000) }), now)).toBe(false);
    expect(isPastItsLease(aPlaceCall(), now)).toBe(false);
  });
});
