import { aPool, aTrunk } from '../../test/mothers/trunk.mother';
import { TrunkRouter } from './trunk-router';

describe('TrunkRouter', () => {
  const numbers = ['+74950000001', '+74950000002'];
  const router = () =>
    new TrunkRouter([aTrunk({ id: 'moscow', prefixes: ['+7495'], callerIds: aPool(numbers), callsPerSecond: 5, channels: 30 }), aTrunk({ id: 'carousel', callerIds: aPool(['+74990000001', '+74990000002', '+74990000003'], 'random') })], () => 0.5);

  it("routes a number to its trunk with the pool's next caller ID and the trunk's pace", async () => {
    expect(await router().route({ number: '+74951234567' })).toEqual({ kind: 'routed', trunkId: 'moscow', callerId: '+74950000001', callsPerSecond: 5 });
  });

  it('rotates each trunk on its own, and a refused or named caller ID does not move the rotation', async () => {
    const trunks = router();
    const requests = [
      { number: '+74951234567' },
      { number: '+74951234567', callerId: '+79990000000' },
      { number: '+74951234567', callerId: '+74950000001' },
      { number: '+78121234567' },
      { number: '+74951234567' },
      { number: '+74951234567' },
    ];
    const routings = [];
    for (const request of requests) routings.push(await trunks.route(request));
    const callerIds = routings.map((routing) => (routing.kind === 'routed' ? routing.callerId : routing.reason));
    expect(callerIds).toEqual(['+74950000001', 'CallerIdNotAllowed', '+74950000001', '+74990000002', '+74950000002', '+74950000001']);
  });

  it('knows each trunk by id: its channels (0 for one it does not know) and its dial template', () => {
    const trunks = router();
    expect(trunks.channelsOf('moscow')).toBe(30);
    expect(trunks.channelsOf('nowhere')).toBe(0);
    expect(trunks.trunk('carousel')?.dialTemplate).toBe('PJSIP/{number}@{trunk}');
  });
});
