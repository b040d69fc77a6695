import type { SpeechChoice } from '../model/scenario.model';

/**
 * Folds the differences ASR output and marketers' phrase lists disagree on in Russian: case,
 * ё written as е, punctuation and spacing.
 */
export const normaliseSpeech = (text: string): string =>
  text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const containsSequence = (words: readonly string[], wanted: readonly string[]): boolean => {
  if (wanted.length === 0) return false;
  for (let start = 0; start + wanted.length <= words.length; start += 1) {
    if (wanted.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
};

/**
 * A choice matches when the utterance equals one of its phrases, or contains one of its
 * "contains words" entries as whole words ("не звоните" matches "пожалуйста не звоните мне").
 */
export const matchSpeech = <C extends SpeechChoice>(utterance: string, choices: readonly C[]): C | undefined => {
  const said = normaliseSpeech(utterance);
  if (said === '') return undefined;
  const words = said.split(' ');
  return choices.find(
    (choice) =>
      choice.phrases.some((phrase) => normaliseSpeech(phrase) === said) ||
      choice.containsWords.some((entry) => containsSequence(words, normaliseSpeech(entry).split(' ').filter(Boolean))),
  );
};
