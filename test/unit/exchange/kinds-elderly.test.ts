// `--kind elderly` (特殊困难老年人名册): rows → the register through `elderly.register` (linked to the case ledger's
// person by ID number), re-import with no change, the export (full numbers for a reviewer with a purpose) read back,
// and each rule at its boundary.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { file, sheetRows, xlsx } from './kinds-helpers';

const HEADER = [
  '序号',
  '姓名',
  '性别',
  '身份证号',
  '所属村',
  '家庭住址',
  '困难类型',
  '风险等级',
  '赡养人',
  '赡养人电话',
];
const LIU = fakeId('1950-06-01', 12); // a woman (even sequence digit)
const ZHOU = fakeId('1948-11-20', 31);

let t: TestCore;
const register = (): { name: string; village: string; categories: string; risk_level: string; person: number }[] =>
  t.core.ledger.raw
    .prepare(
      `SELECT e.name, v.name AS village, e.categories, e.risk_level, e.person_id IS NOT NULL AS person
         FROM elderly_people e JOIN villages v ON v.id = e.village_id ORDER BY e.name`,
    )
    .all() as never[];

beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

const rows = (): unknown[][] => [
  HEADER,
  [1, '刘桂兰', '女', LIU, '花园村', '花园村五组 3 号', '独居、失能', '高', '刘建军', '13905260001'],
  [2, '周德明', '男', ZHOU, '丁冯村', '', '空巢', '', '', ''],
];

describe('特殊困难老年人名册 import', () => {
  it('registers each person, linked to the case ledger by ID number; the same file again changes nothing', async () => {
    // 刘桂兰 is already in the case ledger (a 低保 household): the register links her.
    const cases = await xlsx(
      [
        ['村', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
        ['花园村', '刘桂兰', '刘桂兰', '户主', LIU, '农村低保', 800, '2023-01'],
      ],
      '低保',
    );
    await t.clerk.call('exchange.import', { kind: 'cases', ...file(cases, '低保.xlsx') });

    const data = await xlsx(rows());
    const p = await t.clerk.call('exchange.previewImport', { kind: 'elderly', ...file(data) });
    expect(p.errorCount).toBe(0);
    expect(p).toMatchObject({ rows: 2, records: 2, persons: 2, newRecords: 2, recordUnit: '人' });
    const r = await t.clerk.call('exchange.import', { kind: 'elderly', ...file(data) });
    expect(r).toMatchObject({ records: 2, rejectedRows: 0 });
    expect(register()).toEqual([
      { name: '刘桂兰', village: '花园村委会', categories: '["alone","disabled"]', risk_level: 'high', person: 1 },
      { name: '周德明', village: '丁冯村委会', categories: '["empty_nest"]', risk_level: 'general', person: 0 },
    ]);
    const journal = t.core.ledger.raw
      .prepare(`SELECT after, reason FROM journal WHERE action = 'elderly.register' ORDER BY seq`)
      .all() as { after: string; reason: string }[];
    expect(journal).toHaveLength(2);
    expect(journal[0]?.reason).toBe('导入《名册.xlsx》');
    expect(journal[0]?.after).not.toContain(LIU); // the journal keeps the number masked

    const again = await t.clerk.call('exchange.previewImport', { kind: 'elderly', ...file(data) });
    expect(again).toMatchObject({ newRecords: 0, unchangedRecords: 2, changeCount: 0, errorCount: 0 });
    await t.clerk.call('exchange.import', { kind: 'elderly', ...file(data) });
    expect(register()).toHaveLength(2);
  });

  it('exports masked numbers by default (which cannot be imported back); full numbers with a purpose read back unchanged', async () => {
    await t.clerk.call('exchange.import', { kind: 'elderly', ...file(await xlsx(rows())) });
    const masked = await t.clerk.call('exchange.exportRegister', { kind: 'elderly' });
    const maskedRows = await sheetRows(masked.data);
    expect(maskedRows[0]?.slice(0, 4)).toEqual(['序号', '姓名', '身份证号码', '性别']);
    expect(maskedRows.flat().join(' ')).not.toContain(LIU);
    const refused = await t.clerk.call('exchange.previewImport', { kind: 'elderly', ...file(masked.data) });
    expect(refused.problems.filter((x) => x.severity === 'error').map((x) => x.message)).toEqual([
      expect.stringMatching(/^身份证号码已被遮蔽/),
      expect.stringMatching(/^身份证号码已被遮蔽/),
    ]);

    const forbidden = await t.clerk.try('exchange.exportRegister', {
      kind: 'elderly',
      fullIdNumbers: true,
      reason: '核对',
    });
    expect(forbidden.ok).toBe(false);
    const full = await t.reviewer.call('exchange.exportRegister', {
      kind: 'elderly',
      fullIdNumbers: true,
      reason: '年度核对',
    });
    expect((await sheetRows(full.data)).flat()).toContain(LIU);
    const back = await t.clerk.call('exchange.previewImport', { kind: 'elderly', ...file(full.data, full.fileName) });
    expect(back).toMatchObject({ errorCount: 0, newRecords: 0, unchangedRecords: 2, changeCount: 0 });
    const exports = t.core.ledger.raw
      .prepare(`SELECT actor_name, reason FROM journal WHERE action = 'export.elderly' ORDER BY seq`)
      .all();
    expect(exports).toEqual([
      { actor_name: '张经办', reason: '导出名册（身份证号码已遮挡）' },
      { actor_name: '李审核', reason: '年度核对' },
    ]);
  });

  it('a changed risk level and address are one change on the person, applied when accepted', async () => {
    await t.clerk.call('exchange.import', { kind: 'elderly', ...file(await xlsx(rows())) });
    const changed = await xlsx([HEADER, [2, '周德明', '男', ZHOU, '丁冯村', '丁冯村一组', '空巢', '重点', '', '']]);
    const p = await t.clerk.call('exchange.previewImport', { kind: 'elderly', ...file(changed) });
    expect(p.changes).toEqual([
      expect.objectContaining({ field: '住址、风险等级', before: '（空）；一般', after: '丁冯村一组；重点' }),
    ]);
    expect(p.changes[0]?.subject).toMatch(/^周德明（\*{14}\d{3}[\dX]）$/);
    const r = await t.clerk.call('exchange.import', { kind: 'elderly', ...file(changed), accept: 'all' });
    expect(r.changesApplied).toBe(1);
    expect(register().find((x) => x.name === '周德明')?.risk_level).toBe('key');
  });
});

describe('特殊困难老年人名册: each rule at its boundary, named by row and column', () => {
  async function errorsOf(body: unknown[][]) {
    const p = await t.clerk.call('exchange.previewImport', { kind: 'elderly', ...file(await xlsx([HEADER, ...body])) });
    return p.problems.filter((x) => x.severity === 'error').map((x) => [x.row, x.column, x.message]);
  }

  it('60 周岁 on the registration date: exactly 60 is accepted, one day short is refused', async () => {
    expect(
      await errorsOf([
        [1, '甲', '', fakeId('1964-03-15', 11), '花园村', '', '独居', '', '', ''],
        [2, '乙', '', fakeId('1964-03-16', 13), '花园村', '', '独居', '', '', ''],
      ]),
    ).toEqual([[3, 'D（身份证号）', '乙登记时 59 周岁，特殊困难老年人应年满 60 周岁']]);
  });

  it('a bad check digit, an unknown village, no category, an unknown category and a duplicate are each refused', async () => {
    const bad = `${LIU.slice(0, 17)}${LIU.endsWith('1') ? '2' : '1'}`;
    const errors = await errorsOf([
      [1, '甲', '', bad, '花园村', '', '独居', '', '', ''],
      [2, '乙', '', ZHOU, '不存在村', '', '独居', '', '', ''],
      [3, '丙', '', fakeId('1940-01-01', 15), '花园村', '', '', '', '', ''],
      [4, '丁', '', fakeId('1940-01-02', 17), '花园村', '', '孤独', '', '', ''],
      [5, '戊', '', fakeId('1940-01-03', 19), '花园村', '', '空巢', '', '', ''],
      [6, '戊', '', fakeId('1940-01-03', 19), '花园村', '', '空巢', '', '', ''],
    ]);
    expect(errors).toEqual([
      [2, 'D（身份证号）', expect.stringMatching(/校验/)],
      [3, 'E（所属村）', '村(社区)「不存在村」不在本街道/乡镇的村(社区)名单中'],
      [4, 'G（困难类型）', '请至少选择一个类别'],
      [5, 'G（困难类型）', expect.stringMatching(/^类别「孤独」无法识别/)],
      [7, 'D（身份证号）', expect.stringMatching(/^与「名册」第 6 行重复（身份证号码相同：戊（/)],
    ]);
  });

  it('a name that differs from the case ledger’s for the same number is refused (the link must agree)', async () => {
    const cases = await xlsx([
      ['村', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
      ['花园村', '刘桂兰', '刘桂兰', '户主', LIU, '农村低保', 800, '2023-01'],
    ]);
    await t.clerk.call('exchange.import', { kind: 'cases', ...file(cases, '低保.xlsx') });
    expect(await errorsOf([[1, '刘贵兰', '', LIU, '花园村', '', '独居', '', '', '']])).toEqual([
      [2, 'B（姓名）', expect.stringMatching(/登记的姓名为“刘桂兰”，与填写的“刘贵兰”不一致$/)],
    ]);
  });
});
