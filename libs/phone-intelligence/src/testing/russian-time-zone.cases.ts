// Real-format geographic (ABC) numbers from every Russian time zone, as they arrive in customer files.
// Facts: the Russian numbering plan's area codes and each region's legal time (107-FZ); subscriber
// digits are made up but valid for the plan.

export type RussianTimeZoneCase = {
  readonly city: string;
  /** As written in an import file: national `8 (ABC) ...` form. */
  readonly written: string;
  readonly e164: string;
  /** The region the geocoder names for the area code (English). */
  readonly region: string;
  readonly zone: string;
  readonly utcOffsetHours: number;
};

export const RUSSIAN_TIME_ZONE_CASES: readonly RussianTimeZoneCase[] = [
  { city: 'Kaliningrad', written: '8 (4012) 55-12-34', e164: '+74012551234', region: 'Kaliningrad', zone: 'Europe/Kaliningrad', utcOffsetHours: 2 },
  { city: 'Moscow', written: '8 (495) 123-45-67', e164: '+74951234567', region: 'Moscow', zone: 'Europe/Moscow', utcOffsetHours: 3 },
  { city: 'Saint Petersburg', written: '8-812-312-34-56', e164: '+78123123456', region: 'St Petersburg', zone: 'Europe/Moscow', utcOffsetHours: 3 },
  { city: 'Volgograd', written: '+7 (8442) 23 45 67', e164: '+78442234567', region: 'Volgograd', zone: 'Europe/Moscow', utcOffsetHours: 3 },
  { city: 'Samara', written: '8 (846) 234-56-78', e164: '+78462345678', region: 'Samara', zone: 'Europe/Samara', utcOffsetHours: 4 },
  { city: 'Izhevsk', written: '7 3412 51 23 45', e164: '+73412512345', region: 'Udmurtian Republic', zone: 'Europe/Samara', utcOffsetHours: 4 },
  { city: 'Saratov', written: '8 (8452) 23-45-67', e164: '+78452234567', region: 'Saratov', zone: 'Europe/Saratov', utcOffsetHours: 4 },
  { city: 'Yekaterinburg', written: '8 (343) 123-45-67', e164: '+73431234567', region: 'Ekaterinburg', zone: 'Asia/Yekaterinburg', utcOffsetHours: 5 },
  { city: 'Omsk', written: '8 (3812) 21-34-56', e164: '+73812213456', region: 'Omsk', zone: 'Asia/Omsk', utcOffsetHours: 6 },
  { city: 'Novosibirsk', written: '8 383 212 34 56', e164: '+73832123456', region: 'Novosibirsk', zone: 'Asia/Novosibirsk', utcOffsetHours: 7 },
  { city: 'Krasnoyarsk', written: '8 (391) 212-34-56', e164: '+73912123456', region: 'Krasnoyarsk Territory', zone: 'Asia/Krasnoyarsk', utcOffsetHours: 7 },
  { city: 'Irkutsk', written: '8 (3952) 21-34-56', e164: '+73952213456', region: 'Irkutsk', zone: 'Asia/Irkutsk', utcOffsetHours: 8 },
  { city: 'Yakutsk', written: '8 (4112) 42-34-56', e164: '+74112423456', region: 'Republic of Sakha', zone: 'Asia/Yakutsk', utcOffsetHours: 9 },
  { city: 'Chita', written: '8(3022)35-12-34', e164: '+73022351234', region: 'Chita', zone: 'Asia/Yakutsk', utcOffsetHours: 9 },
  { city: 'Vladivostok', written: '8 (423) 212-34-56', e164: '+74232123456', region: 'Primorie territory', zone: 'Asia/Vladivostok', utcOffsetHours: 10 },
  { city: 'Khabarovsk', written: '8.4212.41.23.45', e164: '+74212412345', region: 'Khabarovsk Territory', zone: 'Asia/Vladivostok', utcOffsetHours: 10 },
  { city: 'Magadan', written: '8 (4132) 62-34-56', e164: '+74132623456', region: 'Magadan', zone: 'Asia/Magadan', utcOffsetHours: 11 },
  { city: 'Yuzhno-Sakhalinsk', written: '8 (4242) 42-34-56', e164: '+74242423456', region: 'Sakhalin Region', zone: 'Asia/Sakhalin', utcOffsetHours: 11 },
  { city: 'Petropavlovsk-Kamchatsky', written: '8 (4152) 41-23-45', e164: '+74152412345', region: 'Kamchatka Region', zone: 'Asia/Kamchatka', utcOffsetHours: 12 },
  { city: 'Anadyr', written: '8 (42722) 2-12-34', e164: '+74272221234', region: 'Chukotka Autonomous District', zone: 'Asia/Anadyr', utcOffsetHours: 12 },
];

/** The UTC offset (hours) of an IANA zone at an instant, from the runtime's tz database. */
export function utcOffsetHours(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) + Number(match[3]) / 60);
}
