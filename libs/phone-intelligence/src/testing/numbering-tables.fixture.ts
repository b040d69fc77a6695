// A tiny hand-written stand-in for the generated data (facts about a few prefixes only), so unit
// specs can exercise the lookup rules without the downloaded source.
import type { NumberingTables } from '../domain/numbering-tables';
import { PrefixTable } from '../domain/prefix-table';

export const FIXTURE_TABLES: NumberingTables = {
  source: { name: 'hand-written fixture', version: '0.0.1' },
  operators: PrefixTable.of([
    ['792', { en: 'MegaFon', ru: 'МегаФон' }],
    ['7903', { en: 'Beeline', ru: 'Билайн' }],
    ['790312', { en: 'Longer-prefix operator', ru: null }],
  ]),
  regions: PrefixTable.of([
    ['7343', { en: 'Ekaterinburg', ru: 'Свердловская обл' }],
    ['7401', { en: 'Kaliningrad', ru: null }],
    ['7845', { en: 'Saratov', ru: null }],
    ['7846', { en: null, ru: null }],
    ['4420', { en: 'London', ru: null }],
  ]),
  timeZones: PrefixTable.of([
    ['7', ['Europe/Moscow', 'Asia/Almaty', 'Europe/Bucharest']],
    ['79', ['Europe/Moscow']],
    ['734', ['Asia/Yekaterinburg']],
    ['740', ['Europe/Bucharest']],
    ['7845', ['Europe/Moscow']],
    ['7846', ['Europe/Samara']],
    ['7800', ['Europe/Moscow', 'Asia/Almaty']],
    ['44', ['Europe/London']],
  ]),
};
