import type { Contact } from './runtime.state';

const placeholder = /\{\{\s*([\p{L}\p{N}_.-]+)\s*\}\}/gu;

const valueOf = (key: string, variables: Readonly<Record<string, string>>, contact: Contact): string => {
  const own = (table: Readonly<Record<string, string>>) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);
  if (key === 'name') return own(variables) ?? contact.name ?? own(contact.fields) ?? '';
  if (key === 'phone') return own(variables) ?? contact.phone;
  return own(variables) ?? own(contact.fields) ?? '';
};

/**
 * Personalises text: `{{name}}`, contact and custom fields, and variables the call stored.
 * A missing value renders as empty text: a silent gap is better than the bot reading braces.
 */
export const renderTemplate = (template: string, variables: Readonly<Record<string, string>>, contact: Contact): string => {
  if (!template.includes('{{')) return template;
  const rendered = template.replace(placeholder, (_match, key: string) => valueOf(key, variables, contact));
  // Only an empty value leaves a double space or a dangling edge; collapse them for the synthesiser.
  return rendered.includes('  ') || rendered !== rendered.trim() ? rendered.replace(/\s{2,}/g, ' ').trim() : rendered;
};
