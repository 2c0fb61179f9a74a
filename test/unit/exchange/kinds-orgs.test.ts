// `--kind orgs` (社会组织名册): 登记的 and 备案的 organisations in one sheet → orgs.register / orgs.file; the
// 统一社会信用代码 checked with src/shared/uscc.ts and the 民政 rules at their boundaries; re-import, export and the
// fields that change only by an event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { creditCode } from '../orgs/fixtures';
import { file, sheetRows, xlsx } from './kinds-helpers';

const HEADER = [
  '序号',
  '组织名称',
  '组织类型',
  '统一社会信用代码',
  '登记证号',
  '登记机关',
  '业务主管单位',
  '法定代表人',
  '住所',
  '宗旨',
  '业务范围',
  '注册资金（元）',
  '会员数',
  '登记日期',
  '每届年限',
  '党组织',
  '党员人数',
  '负责人',
  '活动场所',
  '章程',
  '活动地域',
  '指导单位',
  '备案编号',
  '备案日期',
];
const SHUHUA = creditCode('1', 'MJ000001');

function registered(over: Record<string, unknown> = {}): unknown[] {
  const base: Record<string, unknown> = {
    序号: 1,
    组织名称: '城东街道老年书画协会',
    组织类型: '社会团体',
    统一社会信用代码: SHUHUA,
    登记证号: '海民社证字第0012号',
    登记机关: '泰州市海陵区民政局',
    业务主管单位: '城东街道办事处',
    法定代表人: '陈国华',
    住所: '东进路 18 号',
    宗旨: '丰富老年人精神文化生活',
    业务范围: '书画交流、展览、培训',
    '注册资金（元）': '30,000.00',
    会员数: 86,
    登记日期: '2019-05-10',
    每届年限: 5,
    党组织: '是',
    党员人数: 12,
    ...over,
  };
  return HEADER.map((h) => base[h] ?? null);
}
function community(over: Record<string, unknown> = {}): unknown[] {
  const base: Record<string, unknown> = {
    序号: 2,
    组织名称: '凤凰社区广场舞队',
    组织类型: '文体类',
    会员数: 32,
    党员人数: 3,
    负责人: '刘秀英',
    活动场所: '凤凰社区文化广场',
    章程: '社区存档',
    活动地域: '凤凰社区',
    指导单位: '凤凰社区居民委员会',
    备案编号: '城东备字2024-001',
    备案日期: '2024-03-01',
    ...over,
  };
  return HEADER.map((h) => base[h] ?? null);
}

let t: TestCore;
const orgs = (): {
  registry: string;
  name: string;
  credit_code: string | null;
  members: number;
  capital_fen: number | null;
}[] =>
  t.core.ledger.raw
    .prepare('SELECT registry, name, credit_code, members, capital_fen FROM orgs ORDER BY registry DESC, name')
    .all() as never[];

beforeEach(async () => {
  t = await makeTestCore({ now: () => new Date('2024-03-15T02:00:00Z') });
});
afterEach(async () => {
  await t.close();
});

describe('社会组织名册 import', () => {
  it('registers the 登记 one and files the 备案 one from one sheet; the same file again changes nothing', async () => {
    const data = await xlsx([['城东街道社会组织名册'], HEADER, registered(), community()]);
    const p = await t.clerk.call('exchange.previewImport', { kind: 'orgs', ...file(data) });
    expect(p.errorCount).toBe(0);
    expect(p).toMatchObject({ rows: 2, newRecords: 2, persons: 0, recordUnit: '个组织' });
    await t.clerk.call('exchange.import', { kind: 'orgs', ...file(data) });
    expect(orgs()).toEqual([
      {
        registry: 'registered',
        name: '城东街道老年书画协会',
        credit_code: SHUHUA,
        members: 86,
        capital_fen: 3_000_000,
      },
      { registry: 'community', name: '凤凰社区广场舞队', credit_code: null, members: 32, capital_fen: null },
    ]);
    const again = await t.clerk.call('exchange.previewImport', { kind: 'orgs', ...file(data) });
    expect(again).toMatchObject({ newRecords: 0, unchangedRecords: 2, changeCount: 0, errorCount: 0 });

    const out = await t.clerk.call('exchange.exportRegister', { kind: 'orgs' });
    expect((await sheetRows(out.data))[1]?.slice(1, 5)).toEqual(['登记', '城东街道老年书画协会', '社会团体', SHUHUA]);
    const back = await t.clerk.call('exchange.previewImport', { kind: 'orgs', ...file(out.data, out.fileName) });
    expect(back).toMatchObject({ errorCount: 0, newRecords: 0, unchangedRecords: 2, changeCount: 0 });
  });

  it('an editable field is a change; a new 法定代表人 is a notice (it changes by an event on the organisation’s page)', async () => {
    await t.clerk.call('exchange.import', { kind: 'orgs', ...file(await xlsx([HEADER, registered()])) });
    const data = await xlsx([HEADER, registered({ 会员数: 90, 法定代表人: '王立新' })]);
    const p = await t.clerk.call('exchange.previewImport', { kind: 'orgs', ...file(data) });
    expect(p.changes.map((c) => [c.field, c.before, c.after])).toEqual([['会员/成员人数', '86', '90']]);
    expect(p.problems).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'H（法定代表人）',
        severity: 'warning',
        message: '与台账中的「陈国华」不同；法定代表人的变更须在记录页面登记变更事项，导入不修改',
      }),
    ]);
    await t.clerk.call('exchange.import', { kind: 'orgs', ...file(data), accept: 'all' });
    expect(orgs()[0]?.members).toBe(90);
    const legalRep = t.core.ledger.raw.prepare('SELECT legal_rep FROM orgs').get();
    expect(legalRep).toEqual({ legal_rep: '陈国华' });
  });
});

describe('社会组织名册: the 统一社会信用代码 and the other rules at their boundaries', () => {
  async function errorsOf(...body: unknown[][]) {
    const p = await t.clerk.call('exchange.previewImport', { kind: 'orgs', ...file(await xlsx([HEADER, ...body])) });
    return p.problems.filter((x) => x.severity === 'error').map((x) => [x.row, x.column, x.message]);
  }

  it('a wrong check character, a non-民政 code and a code of another kind are each refused at the code', async () => {
    const wrongCheck = `${SHUHUA.slice(0, 17)}${SHUHUA.endsWith('0') ? '1' : '0'}`;
    const company = creditCode('1', 'MJ000002', '321202', '9');
    const service = creditCode('2', 'MJ000003');
    expect(
      await errorsOf(
        registered({ 统一社会信用代码: wrongCheck }),
        registered({ 组织名称: '乙会', 统一社会信用代码: company }),
        registered({ 组织名称: '丙会', 统一社会信用代码: service }),
        registered({ 组织名称: '丁会', 统一社会信用代码: creditCode('2', 'MJ000006'), 组织类型: '民办非企业单位' }),
      ),
    ).toEqual([
      [2, 'D（统一社会信用代码）', expect.stringMatching(/^统一社会信用代码有误：/)],
      [3, 'D（统一社会信用代码）', expect.stringMatching(/^统一社会信用代码第1位应为 5（民政登记），实为 9/)],
      [4, 'D（统一社会信用代码）', expect.stringMatching(/与所选类型“社会团体”不符（应为 1）$/)],
    ]);
  });

  it('the same code twice, a 登记日期 after today, and a row that is neither 登记 nor 备案', async () => {
    expect(
      await errorsOf(
        registered(),
        registered({ 组织名称: '另一协会' }),
        registered({ 组织名称: '明天协会', 统一社会信用代码: creditCode('1', 'MJ000004'), 登记日期: '2024-03-16' }),
        registered({ 组织名称: '今天协会', 统一社会信用代码: creditCode('1', 'MJ000005'), 登记日期: '2024-03-15' }),
        community({ 备案编号: null, 组织名称: '无号队' }),
      ),
    ).toEqual([
      [3, 'D（统一社会信用代码）', `与「名册」第 2 行重复（统一社会信用代码相同：${SHUHUA}）`],
      [4, 'N（登记日期）', '登记日期（2024-03-16）晚于今天'],
      [6, null, expect.stringMatching(/^无法判断是登记的社会组织还是备案的社区社会组织/)],
    ]);
  });

  it('a 备案 organisation without its required fields is refused naming each', async () => {
    const errors = await errorsOf(community({ 活动场所: null, 指导单位: '' }));
    expect(errors).toEqual([
      [2, 'S（活动场所）', '请填写活动场所'],
      [2, 'V（指导单位）', '请填写指导单位'],
    ]);
  });
});
