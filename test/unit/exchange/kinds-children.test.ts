// `--kind children` (儿童福利名册): rows → children.register (linked to the case ledger's person by ID number, with
// guardian, payee and 委托照护 carer), re-import with no change, the export read back (the payee account shown as its
// last 4 digits is “not given”), and the register's rules at their boundaries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeId } from '../../fixtures/make-fixtures';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { file, sheetRows, xlsx } from './kinds-helpers';

const HEADER = [
  '序号',
  '儿童姓名',
  '身份证号码',
  '所属村',
  '类别',
  '父亲情况',
  '母亲情况',
  '监护人',
  '监护人关系',
  '领款人',
  '领款人关系',
  '银行账号',
  '委托照护人',
  '认定日期',
];
const XIAO = fakeId('2012-07-09', 21);
const LI = fakeId('2014-02-01', 32);

let t: TestCore;
const children = (): Record<string, unknown>[] =>
  t.core.ledger.raw
    .prepare(
      `SELECT name, categories, father_status, mother_status, guardian_name, payee_name, payee_account, carer_name,
              registered_on, person_id IS NOT NULL AS linked FROM children ORDER BY name`,
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
  [
    1,
    '王小军',
    XIAO,
    '花园村',
    '孤儿',
    '死亡',
    '失联',
    '王建国',
    '祖父',
    '王建国',
    '祖父',
    '6228480012345678',
    '',
    '2023-06-01',
  ],
  [2, '李朵朵', LI, '丁冯村', '农村留守儿童', '外出务工', '外出务工', '', '', '', '', '', '李奶奶', ''],
];

describe('儿童福利名册 import', () => {
  it('registers each child with guardian, payee and carer, linked by ID number; the same file again changes nothing', async () => {
    // 王小军 has a 孤儿 subsidy in the case ledger: the register links his file to that person.
    const cases = await xlsx([
      ['村', '户主姓名', '姓名', '与户主关系', '身份证号码', '保障类别', '月保障金', '享受起始月份'],
      ['花园村', '王小军', '王小军', '户主', XIAO, '孤儿（分散）', 1800, '2023-07'],
    ]);
    await t.clerk.call('exchange.import', { kind: 'cases', ...file(cases, '孤儿.xlsx') });

    const data = await xlsx(rows());
    const p = await t.clerk.call('exchange.previewImport', { kind: 'children', ...file(data) });
    expect(p.errorCount).toBe(0);
    expect(p).toMatchObject({ rows: 2, persons: 2, newRecords: 2, recordUnit: '名儿童' });
    await t.clerk.call('exchange.import', { kind: 'children', ...file(data) });
    expect(children()).toEqual([
      {
        name: '李朵朵',
        categories: '["left_behind"]',
        father_status: 'working_away',
        mother_status: 'working_away',
        guardian_name: null,
        payee_name: null,
        payee_account: null,
        carer_name: '李奶奶',
        registered_on: '2024-03-15',
        linked: 0,
      },
      {
        name: '王小军',
        categories: '["orphan"]',
        father_status: 'dead',
        mother_status: 'missing',
        guardian_name: '王建国',
        payee_name: '王建国',
        payee_account: '6228480012345678',
        carer_name: null,
        registered_on: '2023-06-01',
        linked: 1,
      },
    ]);
    const journal = t.core.ledger.raw.prepare(`SELECT after FROM journal WHERE action = 'children.register'`).all() as {
      after: string;
    }[];
    expect(journal.map((j) => j.after).join()).not.toContain('6228480012345678'); // never journalled in full

    const again = await t.clerk.call('exchange.previewImport', { kind: 'children', ...file(data) });
    expect(again).toMatchObject({ newRecords: 0, unchangedRecords: 2, changeCount: 0, errorCount: 0 });
  });

  it('the full-number export reads back unchanged; the masked account there leaves the ledger’s account alone', async () => {
    await t.clerk.call('exchange.import', { kind: 'children', ...file(await xlsx(rows())) });
    const masked = await t.clerk.call('exchange.exportRegister', { kind: 'children' });
    const text = (await sheetRows(masked.data)).flat().join(' ');
    expect(text).not.toContain(XIAO);
    expect(text).not.toContain('6228480012345678');
    expect(text).toContain('****5678');

    const full = await t.reviewer.call('exchange.exportRegister', {
      kind: 'children',
      fullIdNumbers: true,
      reason: '年度复核',
    });
    const fullRows = await sheetRows(full.data);
    const header = fullRows[0] ?? [];
    expect(header.slice(0, 5)).toEqual(['序号', '姓名', '身份证号码', '性别', '村(社区)']);
    // The clerk blanks the account in the full file back to the masked form: still no change.
    const col = header.indexOf('领款账号');
    const data = await xlsx(
      fullRows.map((r, i) => (i > 0 && r[col] ? r.map((c, j) => (j === col ? '****5678' : c)) : r)),
    );
    const back = await t.clerk.call('exchange.previewImport', { kind: 'children', ...file(data) });
    expect(back).toMatchObject({ errorCount: 0, newRecords: 0, unchangedRecords: 2, changeCount: 0 });
  });

  it('a new guardian is a change, applied through the register’s edit when accepted', async () => {
    await t.clerk.call('exchange.import', { kind: 'children', ...file(await xlsx(rows())) });
    const changed = await xlsx([
      HEADER,
      [1, '王小军', XIAO, '花园村', '孤儿', '死亡', '失联', '王建华', '叔叔', '王建国', '祖父', '', '', '2023-06-01'],
    ]);
    const p = await t.clerk.call('exchange.previewImport', { kind: 'children', ...file(changed) });
    expect(p.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['监护人、监护人关系、领款账号', '王建国；祖父；****5678', '王建华；叔叔；（空）'],
    ]);
    await t.clerk.call('exchange.import', { kind: 'children', ...file(changed), accept: 'all' });
    expect(children().find((c) => c.name === '王小军')).toMatchObject({ guardian_name: '王建华', payee_account: null });
  });
});

describe('儿童福利名册: the register’s rules at their boundaries, named by row and column', () => {
  async function errorsOf(...body: unknown[][]) {
    const p = await t.clerk.call('exchange.previewImport', {
      kind: 'children',
      ...file(await xlsx([HEADER, ...body])),
    });
    return p.problems.filter((x) => x.severity === 'error').map((x) => [x.row, x.column, x.message]);
  }
  const leftBehind = (name: string, id: string, carer = '李奶奶'): unknown[] => [
    1,
    name,
    id,
    '花园村',
    '留守儿童',
    '外出务工',
    '外出务工',
    '',
    '',
    '',
    '',
    '',
    carer,
    '2024-03-15',
  ];

  it('留守 under 16: one day short of 16 is accepted, the 16th birthday is refused', async () => {
    expect(
      await errorsOf(leftBehind('甲', fakeId('2008-03-16', 11)), leftBehind('乙', fakeId('2008-03-15', 13))),
    ).toEqual([[3, 'E（类别）', '已满 16 周岁（2008-03-15 出生），不在农村留守儿童范围内']]);
  });

  it('孤儿 needs both parents dead or missing; 留守 needs a carer; 困境儿童 must say which kind; a duplicate is refused', async () => {
    expect(
      await errorsOf(
        [1, '甲', fakeId('2015-01-01', 11), '花园村', '孤儿', '死亡', '外出务工', '', '', '', '', '', '', ''],
        leftBehind('乙', fakeId('2015-01-02', 13), ''),
        [3, '丙', fakeId('2015-01-03', 15), '花园村', '困境儿童', '', '', '', '', '', '', '', '', ''],
        leftBehind('丁', fakeId('2015-01-04', 17)),
        leftBehind('丁', fakeId('2015-01-04', 17)),
      ),
    ).toEqual([
      [2, 'E（类别）', '孤儿须父母双方均已死亡或查找不到'],
      [3, 'M（委托照护人）', '农村留守儿童须登记受委托照护人（或监护人）'],
      [4, 'E（类别）', expect.stringMatching(/^儿童类别「困境儿童」无法识别/)],
      [6, 'C（身份证号码）', expect.stringMatching(/^与「名册」第 5 行重复（身份证号码相同：丁（/)],
    ]);
  });

  it('a number Excel stored as a number (3.21299E+17) is refused: the digits are lost', async () => {
    await t.clerk.call('exchange.import', { kind: 'children', ...file(await xlsx(rows())) });
    const errors = await errorsOf([
      1,
      '甲',
      321299201201010000,
      '花园村',
      '孤儿',
      '死亡',
      '死亡',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(errors).toEqual([[2, 'C（身份证号码）', expect.stringMatching(/科学计数法/)]]);
  });
});
