// The 社会组织台账 in Chromium through the browser host: a 社会团体's life (registration, two annual inspections, a
// rating, a term change, deregistration) and a community organization's 备案, as a clerk does them.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startE2E, type E2E } from './harness';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ initialized: true });
  await e.loginAs('clerk');
});
afterAll(async () => {
  await e?.close();
});

/** A form field by its label, with or without Mantine's required asterisk. */
const field = (scope: Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`));

/** A sidebar entry. */
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true });

async function save(dialog: Locator) {
  await dialog.getByRole('button', { name: '保存' }).click();
}

test('a 社会团体 from registration through two inspections, a 4A rating and a term change to deregistration', async () => {
  const { page } = e;
  await nav(page, '社会组织').click();
  await nav(page, '组织名册').click();
  await page.getByRole('heading', { name: '社会组织名册' }).waitFor();
  await page.getByRole('button', { name: '登记社会组织' }).click();

  const dlg = page.getByRole('dialog', { name: '登记社会组织' });
  await field(dlg, '组织类型').selectOption({ label: '社会团体' });
  await field(dlg, '组织名称').fill('城东街道老年书画协会');
  // A credit code whose 18th character is wrong: refused, next to the field, nothing saved.
  await field(dlg, '统一社会信用代码').fill('51321202MJ00000186');
  await field(dlg, '登记证号').fill('海民社证字第0012号');
  await field(dlg, '登记管理机关').fill('泰州市海陵区民政局');
  await field(dlg, '业务主管单位').fill('城东街道办事处');
  await field(dlg, '法定代表人').fill('陈国华');
  await field(dlg, '住所').fill('城东街道东进路18号');
  await field(dlg, '注册资金（元）').fill('30000');
  await field(dlg, '登记日期').fill('2019-05-10');
  await field(dlg, '会员数').fill('86');
  await field(dlg, '每届年限（章程规定）').fill('5');
  await field(dlg, '党组织').selectOption({ label: '已建立' });
  await field(dlg, '党员人数').fill('12');
  await field(dlg, '宗旨').fill('团结书画爱好者，丰富老年人精神文化生活');
  await field(dlg, '业务范围').fill('书画交流、展览、培训');
  await save(dlg);
  await dlg.getByText('校验码错误：按 GB 32100 第18位应为 5，实为 6').waitFor();
  expect(await e.core.ledger.db.selectFrom('orgs').selectAll().execute()).toEqual([]);
  await e.screenshot('orgs-register-bad-code');

  await field(dlg, '统一社会信用代码').fill('51321202MJ00000185');
  await save(dlg);
  await page.getByRole('heading', { name: '城东街道老年书画协会' }).waitFor();
  await page.getByRole('cell', { name: '51321202MJ00000185' }).waitFor();
  await page.getByRole('cell', { name: '30,000.00 元' }).waitFor();

  // 2024 年检, from the organization's page.
  await page.getByRole('button', { name: '录入年检' }).click();
  let ins = page.getByRole('dialog', { name: '年检：城东街道老年书画协会' });
  await field(ins, '年检年度').fill('2024');
  await field(ins, '报业务主管单位日期（城东街道办事处）').fill('2025-03-18');
  await field(ins, '报登记管理机关日期').fill('2025-05-08');
  await field(ins, '年检结论').selectOption({ label: '基本合格' });
  await field(ins, '结论日期').fill('2025-06-20');
  await field(ins, '整改要求').fill('补齐会费收支凭证');
  await field(ins, '整改完成日期').fill('2025-08-01');
  await save(ins);
  await page.getByRole('cell', { name: '基本合格（2025-06-20）' }).waitFor();

  // 2025 年检, from the yearly board: it shows the organization as not yet submitted.
  await nav(page, '年检一览').click();
  await page.getByRole('heading', { name: '年检一览' }).waitFor();
  await page.getByLabel('年检年度').selectOption('2025');
  const row = page.getByRole('row').filter({ hasText: '城东街道老年书画协会' });
  await row.getByText('未报送').waitFor();
  await row.getByRole('button', { name: '登记报送' }).click();
  ins = page.getByRole('dialog', { name: '年检：城东街道老年书画协会' });
  await field(ins, '报业务主管单位日期（城东街道办事处）').fill('2026-03-25');
  await field(ins, '报登记管理机关日期').fill('2026-05-20');
  await field(ins, '年检结论').selectOption({ label: '合格' });
  await field(ins, '结论日期').fill('2026-06-30');
  await save(ins);
  await row.getByText('已出结论').waitFor();
  expect(await row.getByText('逾期').count()).toBe(0);
  await e.screenshot('orgs-inspection-board');

  // A 4A rating.
  await row.getByRole('link', { name: '城东街道老年书画协会' }).click();
  await page.getByRole('tab', { name: '评估等级' }).click();
  await page.getByRole('button', { name: '录入评估等级' }).click();
  const rat = page.getByRole('dialog', { name: '录入评估等级：城东街道老年书画协会' });
  await field(rat, '评估等级').selectOption({ label: '4A' });
  await field(rat, '申报日期').fill('2026-07-01');
  await field(rat, '评定日期').fill('2026-10-15');
  await field(rat, '证书/文件编号').fill('泰民评〔2026〕12号');
  await save(rat);
  await page.getByRole('cell', { name: '2031-10-15' }).waitFor();
  await page.getByText('现有 4A 等级有效至 2031-10-15').waitFor();

  // The current term, due 2026-11-30, shows in the worklist; then the election is held.
  await page.getByRole('tab', { name: '换届' }).click();
  await page.getByRole('button', { name: '录入本届任期' }).click();
  const ts = page.getByRole('dialog', { name: '录入本届任期：城东街道老年书画协会' });
  await field(ts, '届次').fill('2');
  await field(ts, '本届开始日期').fill('2021-11-30');
  await save(ts);
  await page.getByRole('cell', { name: '2026-11-30' }).waitFor();
  await nav(page, '社会组织待办').click();
  const todo = page.getByRole('row').filter({ hasText: '第 2 届应于 2026-11-30 换届' });
  await todo.waitFor();
  await e.screenshot('orgs-worklist');
  await todo.getByRole('link', { name: '城东街道老年书画协会' }).click();
  await page.getByRole('tab', { name: '换届' }).click();
  await page.getByRole('button', { name: '换届完成' }).click();
  const tc = page.getByRole('dialog', { name: '第 2 届换届完成' });
  await field(tc, '换届日期').fill('2026-11-20');
  await save(tc);
  await page.getByRole('cell', { name: '第 3 届' }).waitFor();
  await page.getByRole('cell', { name: '2031-11-20' }).waitFor();

  // Deregistration.
  await page.getByRole('button', { name: '登记事项' }).click();
  const ev = page.getByRole('dialog', { name: '登记事项：城东街道老年书画协会' });
  await field(ev, '事项').selectOption({ label: '注销' });
  await field(ev, '发生日期').fill('2026-11-22');
  await field(ev, '事由').fill('会员大会决议解散，清算完毕');
  await field(ev, '文号').fill('海民社注〔2026〕5号');
  await save(ev);
  await page.getByText('已注销', { exact: true }).waitFor();
  expect(await page.getByRole('button', { name: '登记事项' }).count()).toBe(0);
  await page.getByRole('tab', { name: '操作记录' }).click();
  const history = await page.getByRole('table', { name: '操作记录' }).innerText();
  for (const what of ['登记入账', '录入年检', '录入评估等级', '换届完成', '状态：注销'])
    expect(history).toContain(what);
  await e.screenshot('orgs-org-page-deregistered');

  // The roster hides it unless asked; the record is kept.
  await nav(page, '组织名册').click();
  await page.getByText('没有符合条件的社会组织').waitFor();
  // Mantine's switch draws its own track over a hidden input; a pointer click at the input's box can land on the
  // track and not toggle it (flaky), so the click is dispatched to the input itself.
  const ended = page.getByRole('switch', { name: '含已撤销/注销' });
  await ended.dispatchEvent('click');
  await expect.poll(() => ended.isChecked()).toBe(true);
  await page.getByRole('cell', { name: '城东街道老年书画协会' }).waitFor();

  const db = e.core.ledger.db;
  const org = await db.selectFrom('orgs').selectAll().executeTakeFirstOrThrow();
  expect(org).toMatchObject({
    status: 'deregistered',
    ended_on: '2026-11-22',
    credit_code: '51321202MJ00000185',
    capital_fen: 3_000_000,
  });
  const inspections = await db.selectFrom('org_inspections').select(['year', 'result']).orderBy('year').execute();
  expect(inspections).toEqual([
    { year: 2024, result: 'basic' },
    { year: 2025, result: 'pass' },
  ]);
  const terms = await db.selectFrom('org_terms').select(['term_no', 'status']).orderBy('term_no').execute();
  expect(terms).toEqual([
    { term_no: 2, status: 'done' },
    { term_no: 3, status: 'current' },
  ]);
  const actions = (await db.selectFrom('journal').select('action').where('actor_name', '=', '张经办').execute()).map(
    (j) => j.action,
  );
  expect(actions).toEqual(
    expect.arrayContaining([
      'org.register',
      'org.inspection.create',
      'org.rating.add',
      'org.term.start',
      'org.term.complete',
      'org.event',
      'org.update',
    ]),
  );
});

test('a community organization is filed (备案) with the township', async () => {
  const { page } = e;
  await nav(page, '组织名册').click();
  await page.getByRole('button', { name: '社区社会组织备案' }).click();
  const dlg = page.getByRole('dialog', { name: '社区社会组织备案' });
  await field(dlg, '组织类型').selectOption({ label: '老年协会' });
  await field(dlg, '组织名称').fill('碧桂园社区老年协会');
  await field(dlg, '负责人').fill('刘秀英');
  await field(dlg, '负责人电话').fill('13805260000');
  await field(dlg, '活动场所').fill('碧桂园社区党群服务中心');
  await field(dlg, '活动地域').fill('碧桂园社区');
  await field(dlg, '指导单位').selectOption({ label: '碧桂园社区居民委员会' });
  await field(dlg, '备案编号').fill('城东备字2026-007');
  await field(dlg, '备案日期').fill('2026-03-12');
  await field(dlg, '成员人数（花名册）').fill('45');
  await field(dlg, '活动资金（元）').fill('1,200.5');
  await field(dlg, '党员人数').fill('6');
  await field(dlg, '章程（要点或存档位置）').fill('《碧桂园社区老年协会章程》，社区存档');
  await save(dlg);
  await page.getByRole('heading', { name: '碧桂园社区老年协会' }).waitFor();
  await page.getByRole('cell', { name: '城东备字2026-007' }).waitFor();
  await page.getByRole('cell', { name: '1,200.50 元' }).waitFor();
  await page.getByText('社区·老年协会').waitFor();
  await e.screenshot('orgs-community-filed');

  await nav(page, '组织名册').click();
  await page.getByLabel('搜索').fill('老年协会');
  const row = page.getByRole('row').filter({ hasText: '碧桂园社区老年协会' });
  await row.getByText('刘秀英').waitFor();
  expect(await row.getByText('不适用').count()).toBe(1); // no annual inspection for 备案 organizations

  const stored = await e.core.ledger.db
    .selectFrom('orgs')
    .selectAll()
    .where('registry', '=', 'community')
    .executeTakeFirstOrThrow();
  expect(stored).toMatchObject({
    community_type: 'elderly',
    funds_fen: 120_050,
    members: 45,
    guide_unit: '碧桂园社区居民委员会',
    status: 'normal',
  });
});
