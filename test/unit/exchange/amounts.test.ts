// Amount rules per category (issue 13): 低保, 特困, 两项补贴, 孤儿, 事实无人抚养 need a regular amount; 低保边缘 and
// 刚性支出 may leave it empty (= no monthly cash) and still count as households in the month's figures; 临时救助 is a
// one-off amount.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeId } from '../../fixtures/make-fixtures';
import { caseSheet } from '../../helpers/case-sheet';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

const workbook = caseSheet;

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛';
let serial = 0;
const person = (): { name: string; id: string } => {
  serial++;
  const day = String((serial % 28) + 1).padStart(2, '0');
  return { name: `${SURNAMES[serial % SURNAMES.length]}测${serial}`, id: fakeId(`1958-04-${day}`, serial) };
};

describe('amounts by category', () => {
  it('a 40-household 低保/特困/低保边缘 ledger imports, and the month’s figures count the 边缘 households', async () => {
    const rows: unknown[][] = [];
    let seq = 0;
    let bianyuanPersons = 0;
    for (let h = 0; h < 40; h++) {
      seq++;
      const kind = h < 20 ? 'dibao' : h < 30 ? 'tekun' : 'bianyuan';
      const size = kind === 'tekun' ? 1 : (h % 3) + 1;
      const head = person();
      const category = kind === 'dibao' ? '农村低保' : kind === 'tekun' ? '农村特困（分散）' : '低保边缘家庭';
      // 边缘 households: an empty amount (no monthly cash) for most, a small amount for every fourth.
      const amount = kind === 'dibao' ? 450 * size : kind === 'tekun' ? 1100 : h % 4 === 0 ? 100 : null;
      if (kind === 'bianyuan') bianyuanPersons += size;
      rows.push([seq, '花园村', head.name, head.name, '户主', head.id, category, amount, '2023-06']);
      for (let m = 1; m < size; m++) {
        const p = person();
        rows.push([null, '花园村', head.name, p.name, '子女', p.id, null, null, null]);
      }
    }
    const data = await workbook(rows);
    const preview = await t.clerk.call('exchange.previewImport', { kind: 'cases', fileName: '混合.xlsx', data });
    expect(preview.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(preview).toMatchObject({ households: 40, newCases: 40 });
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '混合.xlsx', data });

    const stored = t.core.ledger.raw
      .prepare(
        `SELECT category, count(*) AS n, sum(monthly_amount_fen IS NULL) AS empty FROM cases GROUP BY category ORDER BY category`,
      )
      .all();
    expect(stored).toEqual([
      { category: 'bianyuan', n: 10, empty: 8 },
      { category: 'dibao', n: 20, empty: 0 },
      { category: 'tekun', n: 10, empty: 0 },
    ]);

    const figures = await t.clerk.call('reports.figures', { month: '2024-03' });
    const row = (category: string) => figures.rows.find((r) => r.category === category && r.area === 'rural');
    expect(row('bianyuan')).toMatchObject({ households: 10, persons: bianyuanPersons, amountFen: 2 * 10000 });
    expect(row('dibao')?.households).toBe(20);
    expect(row('tekun_dispersed')?.households).toBe(10);
  });

  it('an empty amount is an error for every category paid monthly, and for 临时救助 the grant is required', async () => {
    const cats = [
      '农村低保',
      '农村特困',
      '困难残疾人生活补贴',
      '孤儿',
      '事实无人抚养儿童',
      '临时救助',
      '刚性支出困难家庭',
    ];
    const data = await workbook(
      cats.map((c, i) => {
        const p = person();
        return [i + 1, '花园村', p.name, p.name, '户主', p.id, c, null, '2023-06'];
      }),
    );
    const preview = await t.clerk.call('exchange.previewImport', { kind: 'cases', fileName: '空金额.xlsx', data });
    expect(preview.problems.filter((p) => p.column === 'H（月保障金）').map((p) => [p.row, p.message])).toEqual([
      [2, '月保障金为空'],
      [3, '月保障金为空'],
      [4, '月保障金为空'],
      [5, '月保障金为空'],
      [6, '月保障金为空'],
      [7, '救助金额为空'],
    ]);
    // The preview leads with the problems grouped by kind, with counts and rows.
    expect(preview.problemGroups.slice(0, 2)).toEqual([
      {
        message: '月保障金为空',
        severity: 'error',
        unit: '户',
        count: 5,
        rows: [2, 3, 4, 5, 6].map((row) => ({ sheet: '台账', row })),
      },
      { message: '救助金额为空', severity: 'error', unit: '户', count: 1, rows: [{ sheet: '台账', row: 7 }] },
    ]);
    // 刚性支出 with no amount is accepted.
    expect(preview.rejectedRows).toBe(6);
    expect(preview.validRows).toBe(1);
  });
});

describe('amounts written the way clerks write “none”', () => {
  it('—, / and 无 are an empty amount: none for 低保边缘, “月保障金为空” for 低保; a leading apostrophe is ignored', async () => {
    const rows = [
      ['低保边缘家庭', '—'],
      ['低保边缘家庭', '/'],
      ['低保边缘家庭', '无'],
      ['农村低保', '—'],
      ['农村低保', "'640"],
    ].map(([category, amount], i) => {
      const p = person();
      return [i + 1, '花园村', p.name, p.name, '户主', p.id, category, amount, '2023-06'];
    });
    const data = await workbook(rows);
    const preview = await t.clerk.call('exchange.previewImport', { kind: 'cases', fileName: '无.xlsx', data });
    expect(preview.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.message])).toEqual([
      [5, '月保障金为空'],
    ]);
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '无.xlsx', data, partial: true });
    const cases = t.core.ledger.raw
      .prepare(`SELECT category, monthly_amount_fen AS fen FROM cases ORDER BY category, fen`)
      .all();
    expect(cases).toEqual([
      { category: 'bianyuan', fen: null },
      { category: 'bianyuan', fen: null },
      { category: 'bianyuan', fen: null },
      { category: 'dibao', fen: 64000 },
    ]);
  });
});
