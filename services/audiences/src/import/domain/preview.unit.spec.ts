import { buildPreview } from './preview';
import type { SourceRecord } from './source-record';

const row = (rowNumber: number, ...fields: string[]): SourceRecord => ({ kind: 'row', rowNumber, fields });

describe('buildPreview', () => {
  it('guesses the header and suggests targets by header name, then by content', () => {
    const preview = buildPreview(
      [row(1, 'ФИО', 'Телефон', 'E-mail', 'Telegram', 'Контакт'), { kind: 'empty', rowNumber: 2 }, row(3, 'Иван', '8 (912) 345-67-89', 'a@b.ru', '@ivan', 'ivan@mail.ru'), row(4, 'Олег', '+79123456790', '', '', 'oleg@mail.ru')],
      10,
    );
    expect(preview.headerGuessed).toBe(true);
    expect(preview.columnCount).toBe(5);
    expect(preview.rows.map((record) => record.rowNumber)).toEqual([1, 3, 4]);
    expect(preview.suggestedMapping).toEqual({ hasHeader: true, columns: [{ kind: 'ignore' }, { kind: 'phone' }, { kind: 'email' }, { kind: 'telegram' }, { kind: 'email' }] });
  });

  it('takes a first row holding numbers as data and stops at the limit', () => {
    const preview = buildPreview([row(1, '89123456789'), row(2, '89123456790'), row(3, '89123456791')], 2);
    expect(preview).toMatchObject({ headerGuessed: false, columnCount: 1, suggestedMapping: { hasHeader: false, columns: [{ kind: 'phone' }] } });
    expect(preview.rows).toHaveLength(2);
  });
});
