// Facts about Russia's time zones (Federal Law 107-FZ "On the calculation of time" and its amendments;
// the IANA tz database). Russia observes no daylight saving time since 2014, so each zone is one offset.

/** Every IANA zone in use in Russia with its fixed UTC offset in hours. */
export const RUSSIAN_TIME_ZONES: ReadonlyArray<{ readonly zone: string; readonly utcOffsetHours: number }> = [
  { zone: 'Europe/Kaliningrad', utcOffsetHours: 2 },
  { zone: 'Europe/Moscow', utcOffsetHours: 3 },
  { zone: 'Europe/Volgograd', utcOffsetHours: 3 },
  { zone: 'Europe/Kirov', utcOffsetHours: 3 },
  { zone: 'Europe/Samara', utcOffsetHours: 4 },
  { zone: 'Europe/Astrakhan', utcOffsetHours: 4 },
  { zone: 'Europe/Saratov', utcOffsetHours: 4 },
  { zone: 'Europe/Ulyanovsk', utcOffsetHours: 4 },
  { zone: 'Asia/Yekaterinburg', utcOffsetHours: 5 },
  { zone: 'Asia/Omsk', utcOffsetHours: 6 },
  { zone: 'Asia/Novosibirsk', utcOffsetHours: 7 },
  { zone: 'Asia/Barnaul', utcOffsetHours: 7 },
  { zone: 'Asia/Tomsk', utcOffsetHours: 7 },
  { zone: 'Asia/Novokuznetsk', utcOffsetHours: 7 },
  { zone: 'Asia/Krasnoyarsk', utcOffsetHours: 7 },
  { zone: 'Asia/Irkutsk', utcOffsetHours: 8 },
  { zone: 'Asia/Chita', utcOffsetHours: 9 },
  { zone: 'Asia/Yakutsk', utcOffsetHours: 9 },
  { zone: 'Asia/Khandyga', utcOffsetHours: 9 },
  { zone: 'Asia/Vladivostok', utcOffsetHours: 10 },
  { zone: 'Asia/Ust-Nera', utcOffsetHours: 10 },
  { zone: 'Asia/Magadan', utcOffsetHours: 11 },
  { zone: 'Asia/Sakhalin', utcOffsetHours: 11 },
  { zone: 'Asia/Srednekolymsk', utcOffsetHours: 11 },
  { zone: 'Asia/Kamchatka', utcOffsetHours: 12 },
  { zone: 'Asia/Anadyr', utcOffsetHours: 12 },
];

/** The candidates for a Russian number that cannot be placed: one zone per offset, UTC+2 to UTC+12. */
export const ALL_RUSSIA_TIME_ZONES: readonly string[] = [
  'Europe/Kaliningrad',
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Krasnoyarsk',
  'Asia/Irkutsk',
  'Asia/Yakutsk',
  'Asia/Vladivostok',
  'Asia/Magadan',
  'Asia/Kamchatka',
];

/**
 * Geographic (ABC) prefixes where the libphonenumber time-zone map is wrong for a dialer, with the fact
 * that corrects it. Keys are E.164 digits without the plus; the longest matching key wins over the data.
 */
export const RUSSIAN_TIME_ZONE_CORRECTIONS: ReadonlyMap<string, { readonly zones: readonly string[]; readonly why: string }> = new Map([
  [
    '7401',
    {
      zones: ['Europe/Kaliningrad'],
      why: 'Kaliningrad oblast (ABC 401) is UTC+2 all year; the data names Europe/Bucharest, which moves to UTC+3 in summer',
    },
  ],
  [
    '7840',
    {
      zones: ['Europe/Moscow'],
      why: 'Abkhazia (+7 840) keeps Moscow time all year; the data adds Europe/Bucharest, which has summer time',
    },
  ],
  [
    '7845',
    {
      zones: ['Europe/Saratov'],
      why: 'Saratov oblast (ABC 845) has been UTC+4 since 4 December 2016; the data names Europe/Moscow (UTC+3)',
    },
  ],
]);
