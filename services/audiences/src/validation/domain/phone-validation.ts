import type { PhoneFacts } from '@zvonar/phone-intelligence';
import { phoneDetails } from '../../segment/domain/new-contact';
import type { ContactStatus, PhoneDetails } from '../../segment/domain/segment';

/** Basic: country and region. Extended: plus operator, time zones and line type. Mutually exclusive runs. */
export type PhoneValidationKind = 'phone-basic' | 'phone-extended';

export type ValidatedPhone = {
  readonly status: ContactStatus;
  /** Only the details the kind covers; the others keep their stored values. */
  readonly details: Partial<PhoneDetails>;
};

/**
 * What a validation makes of one stored contact: a number the data calls invalid becomes inactive,
 * a valid foreign one not-russian; a valid Russian one keeps its status (a contact the user switched
 * off stays off).
 */
export function validatePhone(facts: PhoneFacts, current: ContactStatus, kind: PhoneValidationKind): ValidatedPhone {
  const status: ContactStatus = !facts.valid ? 'inactive' : facts.country !== 'RU' ? 'not-russian' : current === 'not-russian' ? 'active' : current;
  const details = phoneDetails(facts);
  return { status, details: kind === 'phone-basic' ? { region: details.region } : details };
}
