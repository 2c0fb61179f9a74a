// The life of a 低保 case and of a 特困 case in the browser host, as a clerk and a reviewer click it: a household
// with a wrong ID check digit corrected, application, investigation (>= 2 investigators), 初审, 公示, the maker-checker
// refusal, approval, the month's payment roll (differences, confirmation, bank CSV, print), re-check, 增发, 渐退 and
// stop. Screenshots go to test-results/cases-*.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addDays } from '../../src/shared/time';
import { idCheckChar } from '../../src/shared/idcard';
import { formatYuan } from '../../src/shared/money';
import { startE2E, type E2E } from './harness';

let e: E2E;
let page: Page;
let villages: string[] = [];

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const d0 = addDays(today, -30);
const at = (n: number) => addDays(d0, n);
const monthOf = (d: string) => d.slice(0, 7);
function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}
const approvedOn = at(22);
const startMonth = nextMonth(monthOf(approvedOn));
const standardMonth = monthOf(addDays(d0, -90));
/** A valid 18-digit number for a birth date and sequence (check digit computed, GB 11643). */
const idFor = (birth: string, seq: string) => {
  const first17 = `321202${birth}${seq}`;
  return first17 + idCheckChar(first17);
};

beforeAll(async () => {
  e = await startE2E({ initialized: true });
  page = e.page;
  page.setDefaultTimeout(10_000);
  villages = (await e.core.ledger.db.selectFrom('villages').select('name').orderBy('sort_order').execute()).map(
    (v) => v.name,
  );
});
afterAll(async () => {
  await e?.close();
});

async function pick(label: string, option: string, scope: Page | Locator = page) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
const dialog = () => page.getByRole('dialog');
async function act(button: string, fill: (d: Locator) => Promise<void>, submit = button) {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  const d = dialog();
  await d.waitFor();
  await fill(d);
  await d.getByRole('button', { name: submit, exact: true }).click();
  await d.waitFor({ state: 'detached' }).catch(async (err: unknown) => {
    await shot('cases-debug'); // what the dialog said when it did not close
    throw err;
  });
}
/** A screenshot of the page itself: the stacked toasts are hidden for the picture only. */
async function shot(name: string) {
  const style = await page.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
  await e.screenshot(name);
  await style.evaluate((el) => (el as Element).remove());
}
/** Opens a 社会救助 sub-page from the sidebar (expanding the ledger's entry first). */
async function go(child: string) {
  const link = page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: child, exact: true });
  if (!(await link.isVisible())) await page.getByRole('link', { name: '社会救助', exact: true }).click();
  await link.click();
}
async function logout() {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('textbox', { name: '登录名', exact: true }).waitFor();
}
async function openHousehold(q: string, head: string) {
  await page.goto(`${e.host.url}#/cases/households`);
  await page.getByRole('textbox', { name: '查找户' }).fill(q);
  await page.getByRole('link', { name: head, exact: true }).click();
  await page.getByRole('heading', { name: `${head}户` }).waitFor();
}
async function caseTab() {
  await page.getByRole('tab', { name: /救助/ }).click();
}

test('a clerk builds a household; a wrong check digit is explained as it is typed; search by pinyin initials', async () => {
  await e.loginAs('clerk');
  await go('户与成员');
  await page.getByRole('heading', { name: '户与成员' }).waitFor();
  await page.getByRole('button', { name: '新建户' }).click();
  await page.getByRole('heading', { name: '新建户' }).waitFor();

  await pick('村(社区)', villages[0]!);
  // 户籍类型 follows a 社区 to 城市 by default; these households are rural (the standards below are 农村).
  await pick('户籍类型', '农村');
  await page.getByRole('textbox', { name: '家庭年总收入' }).fill('6000');
  await page.getByRole('textbox', { name: '住址' }).fill('幸福路 12 号');
  await page.getByRole('textbox', { name: '户开户银行' }).fill('泰州农商银行');
  await page.getByRole('textbox', { name: '户银行账号' }).fill('6228 4801 2345 6789 012');
  const head = page.locator('[aria-label="户主"]');
  await head.getByRole('textbox', { name: '姓名' }).fill('张三');
  // The standard's own example with the check digit changed: the message says what it should be.
  await head.getByRole('textbox', { name: '身份证号码' }).fill('110105194912310021');
  await head.getByText('校验码错误：这个号码没有通过校验（GB 11643），请与身份证原件逐位核对').waitFor();
  await shot('cases-1-wrong-check-digit');
  await head.getByRole('textbox', { name: '身份证号码' }).fill('11010519491231002X');
  await head.getByText('出生日期 1949-12-31，女').waitFor();
  await pick('劳动能力', '完全丧失劳动能力', head);

  await page.getByRole('button', { name: '添加家庭成员' }).click();
  const m2 = page.locator('[aria-label="成员 2"]');
  await m2.getByRole('textbox', { name: '姓名' }).fill('张小明');
  await m2.getByRole('textbox', { name: '身份证号码' }).fill(idFor('20100305', '001'));
  await pick('与户主关系', '子', m2);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '张三户' }).waitFor();
  await page.getByRole('cell', { name: '张小明', exact: true }).waitFor();
  expect(await page.getByRole('table', { name: '家庭成员' }).innerText()).toContain('**************002X');
  expect(await page.getByText('月人均收入：250.00 元').count()).toBe(1);
  await shot('cases-2-household');

  // The list finds 张三 by pinyin initials, masked.
  await go('户与成员');
  await page.getByRole('textbox', { name: '查找户' }).fill('zs');
  await page.getByRole('link', { name: '张三', exact: true }).waitFor();
  expect(await page.getByRole('table', { name: '户列表' }).innerText()).toContain('**************002X');
  await page.getByText('共 1 户').waitFor();
});

test('the clerk takes a 低保 application through investigation, 初审 and 公示 to the reviewer', async () => {
  await openHousehold('张三', '张三');
  await page.getByRole('button', { name: '申请救助' }).click();
  const d = dialog();
  await pick('保障类别', '最低生活保障', d);
  await d.getByRole('textbox', { name: '申请日期', exact: true }).fill(d0);
  await d.getByRole('textbox', { name: '申请理由' }).fill('户主年老体弱，子女在读');
  await d.getByRole('button', { name: '受理申请' }).click();
  await d.waitFor({ state: 'detached' });
  await page.getByText('已受理').first().waitFor();

  // One investigator is not enough (民发〔2021〕57号).
  await page.getByRole('button', { name: '登记入户调查', exact: true }).click();
  await dialog().getByRole('textbox', { name: '调查日期', exact: true }).fill(at(1));
  await dialog()
    .getByRole('textbox', { name: /调查人员/ })
    .fill('张经办');
  await pick('信息核对结果', '符合', dialog());
  await dialog().getByRole('button', { name: '登记入户调查' }).click();
  await dialog().getByText('入户调查至少需要 2 名调查人员').waitFor();
  await dialog()
    .getByRole('textbox', { name: /调查人员/ })
    .fill('张经办、王村干');
  await dialog().getByRole('button', { name: '登记入户调查' }).click();
  await dialog().waitFor({ state: 'detached' });
  await page.getByText('调查人员：张经办、王村干').waitFor();

  await act('初审', async (x) => x.getByRole('textbox', { name: '初审日期', exact: true }).fill(at(2)));
  await act('发布公示', async (x) => {
    await x.getByRole('textbox', { name: '公示开始日期', exact: true }).fill(at(3));
    await x.getByRole('textbox', { name: '公示地点' }).fill('村务公开栏');
  });
  await page.getByText('公示中').first().waitFor();
  await shot('cases-3-publicizing');

  // The 公示 list: name, household size, amount — no ID numbers.
  await go('公示名单');
  const sheet = page.getByRole('table', { name: `${villages[0]}公示名单` });
  await sheet.waitFor();
  const text = await sheet.innerText();
  expect(text).toContain('张三');
  expect(text).not.toMatch(/110105|002X/);
  await shot('cases-4-publicity-list');

  await openHousehold('张三', '张三');
  await caseTab();
  await act('公示期满，提交审核', async (x) =>
    x.getByRole('textbox', { name: '公示结束处理日期', exact: true }).fill(at(20)),
  );
  await page.getByText('待审核确认').first().waitFor();
  await page.getByText('已提交审核确认，等待审核人办理。').waitFor();
  expect(await page.getByRole('button', { name: '审核确认', exact: true }).count()).toBe(0);
  await logout();
});

test('the admin sets the standards and enters a 特困 case, and may not approve a case they entered', async () => {
  await e.loginAs('admin');
  await go('保障标准');
  await page.getByRole('heading', { name: '保障标准' }).waitFor();
  await act(
    '新增标准',
    async (x) => {
      await pick('城乡', '农村', x);
      await x.getByRole('textbox', { name: '起始月份', exact: true }).fill(standardMonth);
      await x.getByRole('textbox', { name: /低保标准/ }).fill('800');
      await x.getByRole('textbox', { name: '老年人施保金' }).fill('50');
      await x.getByRole('textbox', { name: '未成年人施保金' }).fill('40');
      await x.getByRole('textbox', { name: '重度残疾人施保金' }).fill('60');
      await x.getByRole('textbox', { name: '重病患者施保金' }).fill('70');
    },
    '保存',
  );
  await act(
    '新增标准',
    async (x) => {
      await pick('类别', '特困人员救助供养', x);
      await pick('城乡', '农村', x);
      await x.getByRole('textbox', { name: '起始月份', exact: true }).fill(standardMonth);
      await x.getByRole('textbox', { name: /基本生活标准/ }).fill('1040');
      await x.getByRole('textbox', { name: '全护理标准' }).fill('600');
      await x.getByRole('textbox', { name: '半护理标准' }).fill('300');
      await x.getByRole('textbox', { name: '全自理标准' }).fill('100');
    },
    '保存',
  );
  await page.getByRole('cell', { name: /基本生活标准 1,040.00 元/ }).waitFor();
  await shot('cases-5-standards');

  // A 特困 household: 李四, alone, assessed as partly unable to care for himself.
  await go('户与成员');
  await page.getByRole('button', { name: '新建户' }).click();
  await pick('村(社区)', villages[1]!);
  await pick('户籍类型', '农村');
  await page.getByRole('textbox', { name: '家庭年总收入' }).fill('0');
  const head = page.locator('[aria-label="户主"]');
  await head.getByRole('textbox', { name: '姓名' }).fill('李四');
  await head.getByRole('textbox', { name: '身份证号码' }).fill(idFor('19400808', '013'));
  await head.getByRole('textbox', { name: '银行账号' }).fill('6217001234567890');
  await pick('劳动能力', '完全丧失劳动能力', head);
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: '李四户' }).waitFor();
  await page.getByRole('button', { name: '李四的操作' }).click();
  await page.getByRole('menuitem', { name: '自理能力评估' }).click();
  await dialog().getByRole('checkbox', { name: '洗澡' }).uncheck();
  await dialog().getByRole('checkbox', { name: '室内行走' }).uncheck();
  await dialog().getByRole('textbox', { name: '评估人' }).fill('王医生');
  await dialog().getByRole('button', { name: '保存' }).click();
  await dialog().waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: '部分丧失' }).first().waitFor();

  await page.getByRole('button', { name: '申请救助' }).click();
  await pick('保障类别', '特困人员救助供养', dialog());
  await pick(
    '申请人（保障对象）',
    '李四（户主，84 岁）'.replace('84', String(Number(today.slice(0, 4)) - 1940 - (today.slice(5) < '08-08' ? 1 : 0))),
    dialog(),
  );
  await pick('供养方式', '分散供养', dialog());
  await dialog().getByRole('textbox', { name: '申请日期', exact: true }).fill(d0);
  await dialog().getByRole('button', { name: '受理申请' }).click();
  await dialog().waitFor({ state: 'detached' });
  await act('登记入户调查', async (x) => {
    await x.getByRole('textbox', { name: '调查日期', exact: true }).fill(at(1));
    await x.getByRole('textbox', { name: /调查人员/ }).fill('王管理、村干部赵某');
    await pick('信息核对结果', '符合', x);
  });
  await act('初审', async (x) => x.getByRole('textbox', { name: '初审日期', exact: true }).fill(at(2)));
  await act('发布公示', async (x) => x.getByRole('textbox', { name: '公示开始日期', exact: true }).fill(at(3)));
  await act('公示期满，提交审核', async (x) =>
    x.getByRole('textbox', { name: '公示结束处理日期', exact: true }).fill(at(20)),
  );
  await page.getByText('经办与审核分离').waitFor();

  // The admin entered it: the core refuses the approval, and the refusal is shown in Chinese.
  await page.getByRole('button', { name: '审核确认', exact: true }).click();
  await dialog()
    .getByText(/按标准计算：每月/)
    .waitFor();
  await dialog().getByRole('textbox', { name: '确认日期', exact: true }).fill(approvedOn);
  await dialog().getByRole('button', { name: '审核确认' }).click();
  await dialog()
    .getByRole('alert')
    .filter({ hasText: '审核确认须由录入人以外的审核人办理：您录入了该案件，不能确认自己的案件（经办与审核分离）' })
    .waitFor();
  await shot('cases-6-maker-checker-refusal');
  await dialog().getByRole('button', { name: '取消' }).click();
  await logout();
});

test('the reviewer sees both approvals in the worklist and approves them', async () => {
  await e.loginAs('reviewer');
  await go('待办事项');
  const list = page.getByRole('table', { name: '待办事项' });
  await list.getByRole('link', { name: '张三' }).waitFor();
  await list.getByRole('link', { name: '李四' }).waitFor();
  expect(await list.innerText()).toMatch(/审核确认[\s\S]*审核人/);
  await shot('cases-7-worklist');

  for (const name of ['张三', '李四']) {
    await go('待办事项');
    await list.getByRole('row').filter({ hasText: name }).getByRole('link', { name: '审核确认' }).click();
    await page.getByRole('button', { name: '审核确认', exact: true }).click();
    await dialog()
      .getByText(/按标准计算：每月/)
      .waitFor();
    await dialog().getByRole('textbox', { name: '确认日期', exact: true }).fill(approvedOn);
    await dialog().getByRole('button', { name: '审核确认' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.getByText('在保').first().waitFor();
  }
  await shot('cases-8-approved');
  const rows = await e.core.ledger.db
    .selectFrom('cases')
    .select(['category', 'status', 'start_month', 'monthly_amount_fen'])
    .execute();
  expect(rows.map((r) => [r.category, r.status, r.start_month]).sort()).toEqual([
    ['dibao', 'active', startMonth],
    ['tekun', 'active', startMonth],
  ]);
  await logout();
});

test('the month’s payment roll: the clerk generates it, the reviewer confirms it and downloads the bank file', async () => {
  await e.loginAs('clerk');
  await page.goto(`${e.host.url}#/cases/rolls/${startMonth}`);
  await page.getByText(`${startMonth} 的花名册尚未生成。`).waitFor();
  await page.getByRole('button', { name: '生成花名册' }).click();
  await page.getByText('草稿').first().waitFor();
  const cases = await e.core.ledger.db.selectFrom('cases').select(['monthly_amount_fen']).execute();
  const sum = cases.reduce((s, c) => s + (c.monthly_amount_fen ?? 0), 0);
  await page.getByText(`合计：${formatYuan(sum)} 元`).waitFor();
  const added = page.getByRole('table', { name: '新增' });
  expect(await added.innerText()).toMatch(/张三[\s\S]*李四|李四[\s\S]*张三/);
  expect(await page.getByRole('button', { name: '审核确认' }).count()).toBe(0);
  await shot('cases-9-roll-draft');
  await logout();

  await e.loginAs('reviewer');
  await page.goto(`${e.host.url}#/cases/rolls/${startMonth}`);
  await page.getByRole('button', { name: '审核确认' }).click();
  // The confirmation dialog shows the totals and the difference from last month before anything is locked.
  const confirmDialog = page.getByRole('dialog', { name: `确认 ${startMonth} 发放花名册` });
  await confirmDialog.getByRole('table', { name: '花名册合计与上月比较' }).waitFor();
  await confirmDialog.getByRole('button', { name: /确认并锁定/ }).click();
  await page.getByText('已确认（锁定）').waitFor();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出银行代发文件' }).click();
  const download = await downloading.catch(async (err: unknown) => {
    await shot('cases-debug-download');
    throw err;
  });
  // Each export gets its own time-stamped name (files never overwrite each other), masked unless asked otherwise.
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^发放花名册-${startMonth}-银行代发-\\d{8}-\\d{6}(-\\d+)?\\.csv$`),
  );
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('张三');
  expect(csv).toContain('李四');
  const roll = await e.core.ledger.db
    .selectFrom('payment_rolls')
    .selectAll()
    .where('month', '=', startMonth)
    .executeTakeFirstOrThrow();
  expect(roll.status).toBe('confirmed');
  expect(roll.total_fen).toBe(sum);

  await page.getByRole('button', { name: '打印花名册' }).click();
  await page.getByText(`${startMonth} 社会救助资金发放花名册`).first().waitFor();
  expect(await page.locator('.print-sheet').innerText()).not.toContain('002X'.replace('002X', '19491231'));
  await shot('cases-10-roll-print');
});

test('re-check, 增发, 渐退 and stop end both cases; the history shows every step', async () => {
  // 低保: re-check, then 增发, then 渐退 for 2 months, then stop.
  await openHousehold('zs', '张三');
  await caseTab();
  await act('复核', async (x) => x.getByRole('textbox', { name: '复核日期', exact: true }).fill(today));
  await act('增发/减发', async (x) => {
    await x.getByRole('textbox', { name: '生效月份', exact: true }).fill(nextMonth(startMonth));
    await x.getByRole('textbox', { name: /基本保障金/ }).fill('1200');
    await x.getByRole('textbox', { name: '变更原因' }).fill('张小明就医支出增加');
  });
  await page
    .getByText(/增发 .* → 1,2/)
    .first()
    .waitFor();
  await act('渐退', async (x) => {
    await x.getByRole('textbox', { name: '渐退起始月份', exact: true }).fill(nextMonth(startMonth));
    await x.getByRole('textbox', { name: /渐退月数/ }).fill('2');
    await x.getByRole('textbox', { name: /^原因/ }).fill('张小明毕业就业，家庭收入超过标准');
  });
  await page
    .getByText(/渐退 .* 至/)
    .first()
    .waitFor();
  await shot('cases-11-taper');
  // Over the limit: the core's rule message.
  await act('停止救助', async (x) => {
    await x.getByRole('textbox', { name: /停止月份/ }).fill(nextMonth(startMonth));
    await x.getByRole('textbox', { name: '停止原因' }).fill('渐退期提前结束：家庭收入稳定超过标准');
  });
  await page.getByText('已停保').first().waitFor();

  // 特困: stop with a reason.
  await openHousehold('李四', '李四');
  await caseTab();
  await act('停止救助', async (x) => {
    await x.getByRole('textbox', { name: /停止月份/ }).fill(nextMonth(startMonth));
    await x.getByRole('textbox', { name: '停止原因' }).fill('本人自愿由亲属赡养，不再符合特困条件');
  });
  await page.getByText('已停保').first().waitFor();
  await page.getByText(`停止原因：本人自愿由亲属赡养，不再符合特困条件`).waitFor();
  await shot('cases-12-stopped');
  await page.getByRole('tab', { name: '变更历史' }).click();
  await page.getByRole('table', { name: '变更历史' }).getByText('审核确认').first().waitFor();
  await shot('cases-13-history');

  const rows = await e.core.ledger.db
    .selectFrom('cases')
    .select(['category', 'status', 'stop_month', 'stop_reason'])
    .execute();
  expect(rows.every((r) => r.status === 'stopped' && r.stop_month === nextMonth(startMonth))).toBe(true);

  // The approval form prints the steps with who acted.
  await page.goto(
    `${e.host.url}#/cases/case/${(await e.core.ledger.db.selectFrom('cases').select('id').where('category', '=', 'tekun').executeTakeFirstOrThrow()).id}/form`,
  );
  await page.getByRole('heading', { name: '特困人员救助供养审核确认表' }).waitFor();
  expect(await page.locator('.print-sheet').innerText()).toMatch(/审核确认[\s\S]*李审核/);
  await shot('cases-14-approval-form');
});
