import { describe, expect, it } from '@jest/globals';
import { aContact } from '../testing/scenario.mother';
import { renderTemplate } from './template.renderer';

describe('renderTemplate', () => {
  const contact = aContact({ name: 'Анна', phone: '+79990001122', fields: { city: 'Казань', 'due.date': '1 мая' } });

  it('renders the name, contact fields and variables', () =>
    expect(renderTemplate('{{name}}, {{ city }}, {{due.date}}, {{choice}}', { choice: '2' }, contact)).toBe('Анна, Казань, 1 мая, 2'));
  it('prefers a variable the call stored', () => expect(renderTemplate('{{city}}', { city: 'Омск' }, contact)).toBe('Омск'));
  it('renders a missing variable as nothing', () => expect(renderTemplate('Здравствуйте, {{nickname}}!', {}, contact)).toBe('Здравствуйте, !'));
  it('renders the phone', () => expect(renderTemplate('{{phone}}', {}, contact)).toBe('+79990001122'));
  it('leaves text without placeholders alone', () => expect(renderTemplate('a  b', {}, contact)).toBe('a  b'));
  it('does not read inherited properties', () => expect(renderTemplate('{{constructor}}{{toString}}', {}, contact)).toBe(''));
});
