import { aPool } from '../../../test/mothers/trunk.mother';
import { chooseCallerId, takesRotationTurn } from './caller-id-pool';

const never = (): number => {
  throw new Error('random must not be drawn');
};

describe('chooseCallerId', () => {
  const numbers = ['+74950000001', '+74950000002', '+74950000003'];

  it('given a round-robin pool and no caller ID asked, walks the numbers in order and wraps around', () => {
    const pool = aPool(numbers);
    const picked: string[] = [];
    let cursor = 0;
    for (let call = 0; call < 4; call += 1) {
      const pick = chooseCallerId(pool, 'carrier', undefined, cursor, never);
      if (pick.kind !== 'chosen') throw new Error(pick.detail);
      picked.push(pick.callerId);
      cursor = pick.nextCursor;
    }
    expect(picked).toEqual([...numbers, numbers[0]]);
  });

  it('given a cursor left by a pool that has since shrunk, still picks inside the pool', () => {
    expect(chooseCallerId(aPool(numbers), 'carrier', undefined, 7, never)).toEqual({ kind: 'chosen', callerId: '+74950000002', nextCursor: 2 });
  });

  it('given a random pool, draws the number the random value points at and leaves the cursor', () => {
    const pool = aPool(numbers, 'random');
    expect(chooseCallerId(pool, 'carrier', undefined, 5, () => 0)).toEqual({ kind: 'chosen', callerId: '+74950000001', nextCursor: 5 });
    expect(chooseCallerId(pool, 'carrier', undefined, 5, () => 0.5)).toMatchObject({ callerId: '+74950000002' });
    expect(chooseCallerId(pool, 'carrier', undefined, 5, () => 0.9999)).toMatchObject({ callerId: '+74950000003' });
  });

  it('given a caller ID from the pool, presents it without moving the rotation', () => {
    expect(chooseCallerId(aPool(numbers), 'carrier', '+74950000003', 1, never)).toEqual({ kind: 'chosen', callerId: '+74950000003', nextCursor: 1 });
  });

  it('given a caller ID outside the pool, refuses it as CallerIdNotAllowed', () => {
    expect(chooseCallerId(aPool(numbers), 'carrier', '+74951112233', 0, never)).toEqual({
      kind: 'refused',
      reason: 'CallerIdNotAllowed',
      detail: 'caller ID +74951112233 is not in the pool of trunk carrier',
    });
  });

  it('given a pool that accepts others (the implicit trunk from before trunks), presents any caller ID asked', () => {
    expect(chooseCallerId({ ...aPool(numbers), acceptsOthers: true }, 'default', '+74951112233', 0, never)).toMatchObject({ kind: 'chosen', callerId: '+74951112233' });
  });

  it('given an empty pool and no caller ID asked, refuses rather than present nothing', () => {
    expect(chooseCallerId(aPool([]), 'carrier', undefined, 0, never)).toMatchObject({ kind: 'refused', reason: 'CallerIdNotAllowed' });
  });

  it('takes a turn of the rotation only for a round-robin pool picking for a PlaceCall that names no caller ID', () => {
    expect(takesRotationTurn(aPool(numbers), undefined)).toBe(true);
    expect(takesRotationTurn(aPool(numbers), '+74950000001')).toBe(false);
    expect(takesRotationTurn(aPool(numbers, 'random'), undefined)).toBe(false);
    expect(takesRotationTurn(aPool([]), undefined)).toBe(false);
  });
});
