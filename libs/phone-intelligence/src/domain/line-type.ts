import type { NumberType } from 'libphonenumber-js/max';
import type { LineType } from './phone-intelligence.port';

const LINE_TYPES: Readonly<Record<NonNullable<NumberType>, LineType>> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal-number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

/** The port's line type for libphonenumber's number type. */
export function lineTypeOf(type: NumberType): LineType {
  return type === undefined ? 'unknown' : LINE_TYPES[type];
}
