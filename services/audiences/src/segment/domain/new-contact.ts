import type { PhoneFacts } from '@zvonar/phone-intelligence';
import type { ImportedContact } from '../../import/domain/row-importer';
import { statusOfPhone, type NewContact, type PhoneDetails } from './segment';

/** What the numbering data says about one E.164 number (OfflinePhoneIntelligence.describe). */
export type DescribeNumber = (e164: string) => PhoneFacts;

const NO_DETAILS: PhoneDetails = { region: null, operator: null, timeZones: [], lineType: null };

/** The details the dialer and the filters need, names in Russian where the data has them. */
export function phoneDetails(facts: PhoneFacts): PhoneDetails {
  return {
    region: facts.region?.ru ?? facts.region?.en ?? null,
    operator: facts.operator?.ru ?? facts.operator?.en ?? null,
    timeZones: facts.timeZones,
    lineType: facts.lineType === 'unknown' ? null : facts.lineType,
  };
}

/** A normalised import row as the contact to store: status from the phone's country, zones and region from the numbering data. */
export function toNewContact(imported: ImportedContact, describe: DescribeNumber): NewContact {
  const { contact, messengers } = imported;
  const customFields: Record<string, string> = {};
  for (const [key, value] of Object.entries(imported.customFields)) if (value !== undefined) customFields[key] = value;
  return {
    phone: contact.phone,
    email: contact.email,
    telegram: messengers.telegram ?? null,
    whatsapp: messengers.whatsapp ?? null,
    viber: messengers.viber ?? null,
    customFields,
    status: statusOfPhone(contact.phoneCountry, contact.phone),
    rowNumber: contact.rowNumber,
    ...(contact.phone === null ? NO_DETAILS : phoneDetails(describe(contact.phone))),
  };
}
