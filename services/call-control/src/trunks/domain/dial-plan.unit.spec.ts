import { aTrunk } from '../../../test/mothers/trunk.mother';
import { chooseTrunk } from './dial-plan';

describe('chooseTrunk (the dial plan)', () => {
  const moscow = aTrunk({ id: 'moscow', prefixes: ['+7495', '+7499'] });
  const russia = aTrunk({ id: 'russia', prefixes: ['+7'] });
  const fallback = aTrunk({ id: 'fallback' });

  it('given a PlaceCall naming an enabled trunk, uses it even if another serves the number better', () => {
    expect(chooseTrunk([moscow, fallback], '+74951234567', 'fallback')).toEqual({ kind: 'chosen', trunk: fallback });
  });

  it('given a PlaceCall naming an unknown trunk, refuses it as TrunkUnavailable', () => {
    expect(chooseTrunk([moscow], '+74951234567', 'nowhere')).toEqual({ kind: 'refused', reason: 'TrunkUnavailable', detail: 'trunk nowhere is not configured' });
  });

  it('given a PlaceCall naming a disabled trunk, refuses it rather than going out another way', () => {
    const disabled = aTrunk({ id: 'off', enabled: false });
    expect(chooseTrunk([disabled, fallback], '+74951234567', 'off')).toEqual({ kind: 'refused', reason: 'TrunkUnavailable', detail: 'trunk off is disabled' });
  });

  it('given no trunk named, picks the longest matching prefix, whatever the catalogue order', () => {
    expect(chooseTrunk([fallback, russia, moscow], '+74991112233', undefined)).toMatchObject({ trunk: { id: 'moscow' } });
    expect(chooseTrunk([fallback, russia, moscow], '+78121112233', undefined)).toMatchObject({ trunk: { id: 'russia' } });
  });

  it('given no prefix matches, falls back to a catch-all trunk', () => {
    expect(chooseTrunk([moscow, fallback], '+375291112233', undefined)).toMatchObject({ trunk: { id: 'fallback' } });
  });

  it('given two trunks serving a number equally, picks the earlier one', () => {
    const second = aTrunk({ id: 'second', prefixes: ['+7495'] });
    expect(chooseTrunk([moscow, second], '+74951234567', undefined)).toMatchObject({ trunk: { id: 'moscow' } });
  });

  it('leaves a trunk taken only by name to the PlaceCalls naming it', () => {
    const customer = aTrunk({ id: 'customer-sip', namedOnly: true });
    expect(chooseTrunk([customer, russia], '+74951234567', undefined)).toMatchObject({ trunk: { id: 'russia' } });
    expect(chooseTrunk([customer], '+74951234567', undefined)).toMatchObject({ kind: 'refused', reason: 'TrunkUnavailable' });
    expect(chooseTrunk([customer, russia], '+74951234567', 'customer-sip')).toMatchObject({ trunk: { id: 'customer-sip' } });
  });

  it('skips disabled trunks when choosing by number', () => {
    const disabledMoscow = { ...moscow, enabled: false };
    expect(chooseTrunk([disabledMoscow, russia], '+74951234567', undefined)).toMatchObject({ trunk: { id: 'russia' } });
  });

  it('given no enabled trunk serving the number, refuses as TrunkUnavailable', () => {
    expect(chooseTrunk([moscow, russia], '+375291112233', undefined)).toEqual({ kind: 'refused', reason: 'TrunkUnavailable', detail: 'no enabled trunk serves +375291112233' });
  });
});
