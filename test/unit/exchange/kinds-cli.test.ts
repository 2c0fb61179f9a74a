// `civil-ledger import --kind <register>` end to end, per kind: a workbook file → rows in the ledger file → the same
// file again changes nothing → `civil-ledger export` (the template's columns) → that file imports back with no
// change → the empty template filled in imports. Also --json, --dry-run and --errors on a register.
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli/index';
import { fakeId } from '../../fixtures/make-fixtures';
import { creditCode } from '../orgs/fixtures';
import { fillTemplate, sheetRows, xlsx } from './kinds-helpers';
import { capture, cliLedger } from './cli-helpers';

let dir: string;
let db: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ db, dir, cleanup } = await cliLedger('civil-ledger-kinds-cli-'));
});
afterEach(() => cleanup());

const count = (table: string): number => {
  const raw = new Database(db, { readonly: true });
  try {
    return (raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    raw.close();
  }
};

async function cli(...args: string[]): Promise<{ code: number; text: string; stdout: string[] }> {
  const io = capture();
  const code = await main(args, io);
  return { code, text: io.text(), stdout: io.stdout };
}

interface KindCase {
  kind: string;
  table: string;
  rows: unknown[][];
  /** Cells of one more record, by template label, for the filled-in template. */
  extra: Record<string, unknown>;
  unit: string;
  /** How the export that is read back is asked for (full ID numbers for the registers of people). */
  exportArgs?: string[];
}

const KINDS: KindCase[] = [
  {
    kind: 'facilities',
    table: 'facilities',
    unit: '家设施',
    rows: [
      [
        '设施名称',
        '设施类型',
        '村(社区)',
        '地址',
        '运营方',
        '统一社会信用代码',
        '单位性质',
        '运营方式',
        '床位总数',
        '开业日期',
      ],
      [
        '花园村互助养老点',
        '互助养老点',
        '花园村',
        '花园村三组',
        '康乐养老服务中心',
        creditCode('2', 'MJ000011'),
        '民非',
        '公建民营',
        8,
        '2023-05-01',
      ],
      ['丁冯村睦邻点', '睦邻点', '丁冯村', '丁冯村村部', '丁冯村村民委员会', '', '未登记', '公办公营', 0, '2022-01-10'],
    ],
    extra: {
      设施名称: '城东助餐点',
      设施类型: '助餐点',
      地址: '东进路 1 号',
      运营方: '城东街道办事处',
      单位性质: '未登记',
      运营方式: '公办公营',
      运营状态: '建设中',
    },
  },
  {
    kind: 'elderly',
    table: 'elderly_people',
    unit: '人',
    exportArgs: ['--user', 'reviewer', '--full-ids', '--reason', '年度核对'],
    rows: [
      ['姓名', '身份证号码', '村(社区)', '类别', '风险等级'],
      ['刘桂兰', fakeId('1950-06-01', 12), '花园村', '独居、失能', '高风险'],
      ['周德明', fakeId('1948-11-20', 31), '丁冯村', '空巢', ''],
    ],
    extra: { 姓名: '钱玉英', 身份证号码: fakeId('1945-02-03', 24), '村(社区)': '花园村', 类别: '留守' },
  },
  {
    kind: 'orgs',
    table: 'orgs',
    unit: '个组织',
    rows: [
      [
        '组织名称',
        '组织类型',
        '统一社会信用代码',
        '登记证号',
        '登记管理机关',
        '法定代表人',
        '住所',
        '宗旨',
        '业务范围',
        '注册资金',
        '会员数',
        '登记日期',
        '每届年限',
      ],
      [
        '城东老年书画协会',
        '社会团体',
        creditCode('1', 'MJ000021'),
        '海民社证字第0012号',
        '海陵区民政局',
        '陈国华',
        '东进路 18 号',
        '书画交流',
        '展览、培训',
        30000,
        86,
        '2019-05-10',
        5,
      ],
      [
        '城东康乐服务中心',
        '民办非企业单位',
        creditCode('2', 'MJ000022'),
        '海民证字第0031号',
        '海陵区民政局',
        '李红',
        '东进路 20 号',
        '为老服务',
        '日间照料',
        100000,
        0,
        '2020-08-01',
        4,
      ],
    ],
    extra: {
      登记或备案: '备案',
      组织名称: '花园村志愿服务队',
      组织类型: '志愿服务类',
      '会员/成员人数': 20,
      负责人: '王芳',
      活动场所: '花园村村部',
      章程: '村部存档',
      活动地域: '花园村',
      指导单位: '花园村村民委员会',
      备案编号: '城东备字2024-009',
      备案日期: '2024-06-01',
    },
  },
  {
    kind: 'children',
    table: 'children',
    unit: '名儿童',
    exportArgs: ['--user', 'reviewer', '--full-ids', '--reason', '年度复核'],
    rows: [
      [
        '姓名',
        '身份证号码',
        '村(社区)',
        '儿童类别',
        '父亲情况',
        '母亲情况',
        '监护人',
        '领款人',
        '领款账号',
        '受委托照护人',
      ],
      [
        '王小军',
        fakeId('2016-07-09', 21),
        '花园村',
        '孤儿',
        '死亡',
        '死亡',
        '王建国',
        '王建国',
        '6228480012345678',
        '',
      ],
      ['李朵朵', fakeId('2015-02-01', 32), '丁冯村', '留守儿童', '外出务工', '外出务工', '', '', '', '李奶奶'],
    ],
    extra: {
      姓名: '赵小花',
      身份证号码: fakeId('2017-05-05', 44),
      '村(社区)': '花园村',
      儿童类别: '困境儿童（重病）',
      健康状况: '白血病，化疗中',
    },
  },
];

describe.each(KINDS)('civil-ledger import/export --kind $kind', (k) => {
  it('file → ledger rows → re-import changes nothing → export → re-import → filled template', async () => {
    const path = join(dir, `${k.kind}.xlsx`);
    writeFileSync(path, Buffer.from(await xlsx(k.rows), 'base64'));
    const base = ['--db', db, '--kind', k.kind, '--user', 'clerk'];

    const first = await cli('import', ...base, '--file', path, '--json');
    expect(first.code, first.text).toBe(0);
    const summary = JSON.parse(first.stdout.join('')) as Record<string, unknown>;
    const n = k.rows.length - 1;
    expect(summary).toEqual({
      file: `${k.kind}.xlsx`,
      kind: k.kind,
      rows: n,
      accepted: expect.objectContaining({ rows: n, records: n, households: 0 }),
      rejected: [],
      written: true,
    });
    expect(count(k.table)).toBe(n);

    const again = await cli('import', ...base, '--file', path);
    expect(again.code).toBe(0);
    expect(again.text).toContain(`新增 0 ${k.unit}，已在台账中且无变化 ${n} ${k.unit}，有修改 0 ${k.unit}`);
    expect(count(k.table)).toBe(n);

    const exported = join(dir, 'export.xlsx');
    expect((await cli('export', ...base, '--out', exported, ...(k.exportArgs ?? []))).code).toBe(0);
    const back = await cli('import', ...base, '--file', exported, '--dry-run');
    expect(back.code, back.text).toBe(0);
    expect(back.text).toContain(`新增 0 ${k.unit}，已在台账中且无变化 ${n} ${k.unit}，有修改 0 ${k.unit}`);

    const template = join(dir, 'template.xlsx');
    expect((await cli('export', ...base, '--template', '--out', template)).code).toBe(0);
    const tpl = readFileSync(template).toString('base64');
    const header = (await sheetRows(tpl))[0] ?? [];
    expect(header.length).toBeGreaterThan(3);
    const filled = join(dir, 'filled.xlsx');
    writeFileSync(filled, Buffer.from(await fillTemplate(tpl, [header.map((h) => k.extra[h] ?? null)]), 'base64'));
    const last = await cli('import', ...base, '--file', filled);
    expect(last.code, last.text).toBe(0);
    expect(count(k.table)).toBe(n + 1);
  });
});

describe('civil-ledger import on a register: --dry-run and --errors', () => {
  it('a rejected row: exit 3, nothing written, the errors workbook names the problem', async () => {
    const path = join(dir, 'bad.xlsx');
    writeFileSync(
      path,
      Buffer.from(
        await xlsx([
          ['设施名称', '设施类型', '地址', '运营方', '统一社会信用代码', '单位性质', '运营方式', '开业日期'],
          ['甲站', '服务站', '一组', '甲公司', '91320000000000000X', '企业', '民办民营', '2023-01-01'],
        ]),
        'base64',
      ),
    );
    const errors = join(dir, 'errors.xlsx');
    const r = await cli(
      'import',
      '--db',
      db,
      '--kind',
      'facilities',
      '--user',
      'clerk',
      '--file',
      path,
      '--errors',
      errors,
    );
    expect(r.code).toBe(3);
    expect(r.text).toContain('「名册」 第 2 行 E（统一社会信用代码）：统一社会信用代码有误');
    expect(count('facilities')).toBe(0);
    expect(existsSync(errors)).toBe(true);
  });

  it('an unknown kind is a usage error naming the kinds', async () => {
    const r = await cli('import', '--db', db, '--kind', 'stations', '--user', 'clerk', '--file', 'x.xlsx');
    expect(r.code).toBe(2);
    expect(r.text).toContain('--kind 应为 cases（社会救助台账）、facilities（养老服务设施台账）');
  });
});
