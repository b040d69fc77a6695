/** Russian cities with geographic (fixed-line) numbers, each in exactly one time zone. */
export const CITIES = [
  { city: 'Калининград', zone: 'Europe/Kaliningrad', prefix: '+74012', localDigits: 6 },
  { city: 'Москва', zone: 'Europe/Moscow', prefix: '+7495', localDigits: 7 },
  { city: 'Екатеринбург', zone: 'Asia/Yekaterinburg', prefix: '+7343', localDigits: 7 },
  { city: 'Новосибирск', zone: 'Asia/Novosibirsk', prefix: '+7383', localDigits: 7 },
  { city: 'Владивосток', zone: 'Asia/Vladivostok', prefix: '+7423', localDigits: 7 },
] as const;

export type CityZone = (typeof CITIES)[number]['zone'];

export interface AudienceContact {
  readonly phone: string;
  readonly name: string;
  readonly city: string;
  readonly zone: CityZone;
}

const NAMES = ['Анна', 'Борис', 'Вера', 'Глеб', 'Дарья', 'Егор', 'Жанна', 'Захар', 'Ирина', 'Кирилл', 'Лидия', 'Максим'];

/** `perCity` contacts in every city: distinct numbers, names to greet them by. */
export function zonedAudience(perCity: number): AudienceContact[] {
  return CITIES.flatMap(({ city, zone, prefix, localDigits }) =>
    Array.from({ length: perCity }, (_, index) => ({
      // Local numbers starting with 2 (5 for the six-digit Kaliningrad ones) are assigned ranges.
      phone: `${prefix}${localDigits === 7 ? '2' : '5'}${String(index + 1).padStart(localDigits - 1, '0')}`,
      name: NAMES[index % NAMES.length]!,
      city,
      zone,
    })),
  );
}

/** The audience as the CSV a marketer uploads: `phone;name;city` with a header. */
export const audienceCsv = (contacts: readonly AudienceContact[]): string =>
  ['phone;name;city', ...contacts.map(({ phone, name, city }) => `${phone};${name};${city}`)].join('\n');

/** The first `perCity` contacts of every city: the numbers of the blacklist segment. */
export const blacklistedOf = (contacts: readonly AudienceContact[], perCity: number): AudienceContact[] =>
  CITIES.flatMap(({ zone }) => contacts.filter((contact) => contact.zone === zone).slice(0, perCity));

/** How the audience CSV's columns map onto a contact (`POST /imports/{uploadId}/start`). */
export const audienceImportRequest = (segmentId: string) => ({
  segmentId,
  hasHeader: true,
  mapping: [{ kind: 'phone' }, { kind: 'custom', customFieldKey: 'name' }, { kind: 'custom', customFieldKey: 'city' }],
  customFieldKeys: ['name', 'city'],
  options: { defaultCountry: 'RU' },
});

/** The project's custom fields the audience fills (`customFields` of `POST /projects`). */
export const audienceCustomFields = [
  { key: 'name', name: 'Имя', type: 'string' },
  { key: 'city', name: 'Город', type: 'string' },
];
