// Ledgers kept one per category name it in the title above the header, not in a 保障类别 column (issue 13): the
// category is read from the title (else the sheet's or the file's name) when exactly one is named there, and the
// preview says so. Workbooks are generated here: a 特困 roster per village with a two-row header (保障金额 over
// 基本生活费 · 照料护理费 · 合计), invented people.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { categoryInTitle } from '../../../src/main/ledger/exchange/cases-title';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

/** One sheet per village: a title line, the two-row header, `n` people each with base 1100 and a care supplement. */
async function roster(title: (village: string) => string, villages: string[], n: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  let seq = 0;
  for (const v of villages) {
    const ws = wb.addWorksheet(v);
    ws.addRow([title(v)]);
    ws.addRow(['序号', '姓名', '身份证号码', '供养方式', '保障金额', null, null, '纳入时间']);
    ws.addRow([null, null, null, null, '基本生活费', '照料护理费', '合计', null]);
    for (const c of [1, 2, 3, 4, 8]) ws.mergeCells(2, c, 3, c);
    ws.mergeCells(2, 5, 2, 7);
    for (let i = 0; i < n; i++) {
      seq++;
      const care = i % 2 ? 300 : 0;
      ws.addRow([
        i + 1,
        `${v[0]}老${i}`,
        fakeId(`194${i}-0${i + 1}-15`, seq * 2 + 1),
        '分散供养',
        1100,
        care,
        1100 + care,
        '2022年7月',
      ]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('the category named in the title', () => {
  it('a 特困 roster per village without a 保障类别 column imports as 特困, amounts from the two-row header', async () => {
    const data = await roster((v) => `${v}特困供养人员花名册`, ['花园村', '丁冯村'], 3);
    const p = await t.admin.call('exchange.previewImport', { kind: 'cases', fileName: '2024年名册.xlsx', data });
    expect(p.errorCount).toBe(0);
    expect(p.problems.map((x) => [x.sheet, x.message])).toEqual([
      ['花园村', '没有“保障类别”列：按标题「花园村特困供养人员花名册」，本表各户的保障类别均为“特困”'],
      ['丁冯村', '没有“保障类别”列：按标题「丁冯村特困供养人员花名册」，本表各户的保障类别均为“特困”'],
    ]);
    expect(p.problemGroups.map((g) => `${g.count} ${g.unit}`)).toEqual(['1 张工作表', '1 张工作表']);
    await t.admin.call('exchange.import', { kind: 'cases', fileName: '2024年名册.xlsx', data });
    const cases = t.core.ledger.raw
      .prepare(`SELECT category, support_mode AS mode, monthly_amount_fen AS fen FROM cases ORDER BY fen`)
      .all();
    expect(cases).toEqual([
      ...Array(4).fill({ category: 'tekun', mode: 'dispersed', fen: 110000 }),
      ...Array(2).fill({ category: 'tekun', mode: 'dispersed', fen: 140000 }),
    ]);
  });

  it('a title naming two categories names none: the column is missing, counted per sheet', async () => {
    const data = await roster(() => '城东街道低保、特困对象花名册', ['花园村'], 2);
    const p = await t.admin.call('exchange.previewImport', { kind: 'cases', fileName: '名册.xlsx', data });
    expect(p.problemGroups.map((g) => `${g.count} ${g.unit}：${g.message}`)).toEqual([
      '1 张工作表：找不到以下列：保障类别。请检查表头，或用列映射指定',
    ]);
  });

  it('reads one category, 城乡 and 供养方式 only where the title says them', () => {
    expect(categoryInTitle('城东街道2026年11月城乡低保花名册')).toBe('低保');
    expect(categoryInTitle('城东街道城市低保边缘家庭名册')).toBe('城市低保边缘');
    expect(categoryInTitle('农村五保集中供养人员名册')).toBe('农村特困（集中）');
    expect(categoryInTitle('事实孤儿基本生活补贴发放表')).toBe('事实无人抚养儿童');
    expect(categoryInTitle('孤儿名册')).toBe('孤儿');
    expect(categoryInTitle('低保、特困对象花名册')).toBeNull();
    expect(categoryInTitle('花园村')).toBeNull();
  });
});
