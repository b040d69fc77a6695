import { describe, expect, it } from '@jest/globals';
import { matchSpeech, normaliseSpeech } from './speech.matcher';

describe('speech matching', () => {
  it.each([
    ['Ещё РАЗ!', 'еще раз'],
    ['  да,   конечно… ', 'да конечно'],
    ['«Нет» — спасибо', 'нет спасибо'],
    ['Ёлки-палки', 'елки палки'],
  ])('normalises %j to %j', (input, expected) => expect(normaliseSpeech(input)).toBe(expected));

  const choices = [
    { phrases: ['да', 'Ещё бы'], containsWords: [], next: 'yes' },
    { phrases: [], containsWords: ['перезвоните', 'не сейчас'], next: 'later' },
  ];

  it('matches a whole phrase', () => expect(matchSpeech('Еще бы!', choices)?.next).toBe('yes'));
  it('does not match a phrase inside a longer utterance', () => expect(matchSpeech('да нет наверное', choices)).toBeUndefined());
  it('matches contained words anywhere', () => expect(matchSpeech('Слушайте, не сейчас, я за рулём', choices)?.next).toBe('later'));
  it('does not match part of a word', () => expect(matchSpeech('перезвонитесь', choices)).toBeUndefined());
  it('does not match words out of order', () => expect(matchSpeech('сейчас не', choices)).toBeUndefined());
  it('does not match empty speech', () => expect(matchSpeech(' ?! ', choices)).toBeUndefined());
});
