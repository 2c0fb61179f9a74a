// The elderly-services ledger in Chromium through the browser host, as a clerk uses it: a facility's life (entered
// under construction, opened, a month's figures, a safety inspection with its rectification, a rating and the
// operating subsidy it allows, closed) and a month of visits to elderly people with special difficulties.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, addMonths, today as chinaToday } from '../../src/shared/time';
import { idCheckChar } from '../../src/shared/idcard';
import { startE2E, type E2E } from './harness';

let e: E2E;
const today = chinaToday(new Date());
const thisMonth = today.slice(0, 7);
const lastMonth = addMonths(thisMonth, -1);
const openedOn = `${lastMonth}-01`;
const makeId = (birth: string, seq: string): string => `321202${birth}${seq}` + idCheckChar(`321202${birth}${seq}`);

beforeAll(async () => {
  e = await startE2E({ initialized: true });
  await e.loginAs('clerk');
});
afterAll(async () => {
  await e?.close();
});

async function pick(page: Page, fieldLabel: string, option: string): Promise<void> {
  await page.getByRole('dialog').getByLabel(fieldLabel).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const dialog = (page: Page) => page.getByRole('dialog');

test("a facility's life: entered, opened, a month's figures, an inspection rectified, rated, subsidised, closed", async () => {
  const { page } = e;
  await page.getByRole('link', { name: '养老服务' }).click();
  await page.getByRole('link', { name: '服务设施' }).click();
  await page.getByRole('heading', { name: '养老服务设施' }).waitFor();
  await page.getByRole('button', { name: '新增设施' }).click();

  const d = dialog(page);
  await d.getByLabel('设施名称').fill('城东社区养老服务站');
  await pick(page, '设施类型', '社区养老服务站');
  await pick(page, '所在村(社区)', '碧桂园社区居民委员会');
  await d.getByLabel('地址').fill('城东街道凤凰路 8 号');
  await d.getByLabel('运营方名称').fill('泰州市海陵区乐龄养老服务中心');
  await pick(page, '运营方单位性质', '民非法人');
  // The credit code is checked as it is typed (GB 32100 check character).
  await d.getByLabel('统一社会信用代码').fill('52110105MJ0000018B');
  await d.getByText(/统一社会信用代码有误：校验码错误/).waitFor();
  await d.getByLabel('统一社会信用代码').fill('52110105MJ0000018A');
  await expect.poll(() => d.getByText(/统一社会信用代码有误/).count()).toBe(0);
  await pick(page, '运营方式', '公建民营');
  await d.getByLabel('床位总数').fill('10');
  await d.getByLabel('护理型床位').fill('12');
  await d.getByText('护理型床位数不能超过床位总数').waitFor();
  await d.getByLabel('护理型床位').fill('4');
  await d.getByLabel('工作人员').fill('6');
  await d.getByLabel('其中护理员').fill('3');
  await d.getByLabel('助餐', { exact: true }).check();
  await d.getByLabel('日间照料', { exact: true }).check();
  await d.getByRole('button', { name: '保存' }).click();

  await page.getByRole('heading', { name: '城东社区养老服务站' }).waitFor();
  await page.getByText('建设中', { exact: true }).first().waitFor();

  // 开业
  await page.getByRole('button', { name: '开业' }).click();
  await dialog(page).getByLabel('开业日期').fill(openedOn);
  await dialog(page).getByRole('button', { name: '确认开业' }).click();
  await page.getByText('运营中', { exact: true }).first().waitFor();

  // Last month's figures, with a mistake caught as typed.
  await page.getByRole('tab', { name: '月度运营' }).click();
  await page.getByRole('button', { name: '填报月度数据' }).click();
  const m = dialog(page);
  await m.getByLabel('月份').fill(lastMonth);
  await m.getByLabel('助餐人次').fill('500');
  await m.getByLabel('其中享受补贴人次').fill('600');
  await m.getByText('享受补贴助餐人次不能超过助餐总人次').waitFor();
  await m.getByLabel('其中享受补贴人次').fill('320');
  await m.getByLabel('日间照料服务人数').fill('12');
  await m.getByLabel('月末在住人数').fill('4');
  await m.getByRole('button', { name: '保存' }).click();
  const row = page.getByRole('row').filter({ hasText: lastMonth });
  await row.waitFor();
  expect(await row.innerText()).toMatch(/500\s+320\s+12\s+4/);

  // An inspection that finds a hazard, then its rectification.
  await page.getByRole('tab', { name: '安全检查' }).click();
  await page.getByRole('button', { name: '登记检查' }).click();
  const i = dialog(page);
  await pick(page, '检查类型', '消防检查');
  await i.getByLabel('检查人员').fill('王安全、李消防');
  await i.getByLabel('检查情况').fill('厨房灭火器过期 2 具');
  await i.getByLabel('发现安全隐患，需要整改').check();
  await i.getByLabel('整改期限').fill(addDays(today, 7));
  await i.getByRole('button', { name: '保存' }).click();
  await page.getByRole('row').filter({ hasText: '厨房灭火器过期' }).getByText('整改中').waitFor();
  await page.getByRole('button', { name: '整改完成' }).click();
  await dialog(page).getByLabel('整改及复查情况').fill('已更换灭火器，复查合格');
  await dialog(page).getByRole('button', { name: '确认整改完成' }).click();
  await page.getByRole('row').filter({ hasText: '厨房灭火器过期' }).getByText('已整改').waitFor();

  // A rating, and the operating subsidy it allows.
  await page.getByRole('tab', { name: '评级与补贴' }).click();
  await page.getByRole('button', { name: '登记评定' }).click();
  await pick(page, '星级', '三星级');
  await dialog(page).getByLabel('评定机关').fill('海陵区民政局');
  await dialog(page).getByRole('button', { name: '保存' }).click();
  await page.getByRole('row').filter({ hasText: '海陵区民政局' }).getByText('有效').waitFor();
  await page.getByRole('button', { name: '登记补贴' }).click();
  await pick(page, '补贴类型', '运营补贴');
  await dialog(page).getByLabel('金额（元）').fill('2万');
  await dialog(page).getByText('「2万」不是有效金额').waitFor();
  await dialog(page).getByLabel('金额（元）').fill('20,000');
  await dialog(page).getByRole('button', { name: '保存' }).click();
  const subsidy = page.getByRole('row').filter({ hasText: '运营补贴' });
  await subsidy.waitFor();
  expect(await subsidy.innerText()).toMatch(/20,000\.00[\s\S]*三星级/);
  await page.getByText('补贴（累计 20,000.00 元）').waitFor();

  // 停止运营 needs a reason.
  await page.getByRole('button', { name: '停止运营', exact: true }).click();
  await dialog(page).getByRole('button', { name: '确认停止运营' }).click();
  await dialog(page).getByText('请填写停止运营原因').waitFor();
  await dialog(page).getByLabel('停止运营原因').fill('运营方合同到期不再续约');
  await dialog(page).getByRole('button', { name: '确认停止运营' }).click();
  await page.getByText('停止运营', { exact: true }).first().waitFor();
  await expect.poll(() => page.getByRole('button', { name: '停止运营', exact: true }).count()).toBe(0);
  await e.screenshot('stations-facility-closed');

  // The ledger holds what the clerk saw, every change journalled.
  const f = await e.core.ledger.db.selectFrom('facilities').selectAll().executeTakeFirstOrThrow();
  expect(f).toMatchObject({
    status: 'closed',
    opened_on: openedOn,
    closed_on: today,
    operator_uscc: '52110105MJ0000018A',
    close_reason: '运营方合同到期不再续约',
  });
  const month = await e.core.ledger.db.selectFrom('facility_months').selectAll().executeTakeFirstOrThrow();
  expect(month).toMatchObject({ month: lastMonth, meals_served: 500, meals_subsidised: 320, beds_occupied: 4 });
  const journal = await e.core.ledger.db
    .selectFrom('journal')
    .select(['action', 'actor_name'])
    .orderBy('seq')
    .execute();
  expect(journal.filter((j) => j.action.startsWith('facility.')).map((j) => j.action)).toEqual([
    'facility.create',
    'facility.open',
    'facility.month.create',
    'facility.inspection.add',
    'facility.inspection.close',
    'facility.rating.add',
    'facility.subsidy.add',
    'facility.close',
  ]);
  expect(new Set(journal.filter((j) => j.action.startsWith('facility.')).map((j) => j.actor_name))).toEqual(
    new Set(['张经办']),
  );

  // The month's figures for the package.
  await page.getByRole('link', { name: '月度数据' }).click();
  await page.getByLabel('月份').fill(lastMonth);
  await page.getByText('助餐人次').waitFor();
  await expect.poll(async () => (await page.getByRole('main').innerText()).includes('500')).toBe(true);
});

test('a month of visits: register, the due-visit worklist, visits, the visit rate by village', async () => {
  const { page } = e;
  const admin = e.admin!;
  const villages = await admin.call('villages.list', {});
  const villageB = villages.find((v) => v.name !== '碧桂园社区居民委员会')!;
  // Two people registered last month by a colleague (arranged through the API).
  await admin.call('elderly.register', {
    idNumber: makeId('19420808', '051'),
    name: '孙玉珍',
    villageId: villageB.id,
    categories: ['empty_nest'],
    riskLevel: 'key',
    registeredOn: openedOn,
  });
  await admin.call('elderly.register', {
    idNumber: makeId('19500101', '031'),
    name: '赵德福',
    villageId: villageB.id,
    categories: ['left_behind'],
    riskLevel: 'general',
    registeredOn: openedOn,
  });

  // The clerk registers a high-risk person living alone; a mistyped ID number is caught as typed.
  await page.getByRole('link', { name: '特殊困难老年人' }).click();
  await page.getByRole('heading', { name: '特殊困难老年人' }).waitFor();
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const d = dialog(page);
  const id = makeId('19440312', '021');
  const wrong = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
  await d.getByLabel('姓名').fill('王秀兰');
  await d.getByLabel('身份证号码').fill(wrong);
  await d.getByText(/校验码错误/).waitFor();
  await d.getByLabel('身份证号码').fill(id);
  await pick(page, '村(社区)', '碧桂园社区居民委员会');
  await pick(page, '风险等级', '高风险');
  await d.getByLabel('独居', { exact: true }).check();
  await d.getByLabel('登记日期').fill(openedOn);
  await d.getByRole('button', { name: '登记', exact: true }).click();
  await page.getByRole('heading', { name: '王秀兰' }).waitFor();
  await page.getByText('探访逾期').waitFor();
  // Masked until asked for, and the asking is journalled.
  await page.getByText(`**************${id.slice(-4)}`).waitFor();
  await page.getByRole('button', { name: '查看完整号码' }).click();
  await page.getByText(id, { exact: true }).waitFor();

  // The worklist: the overdue high-risk person and the key person due this month; the general person is not due.
  await page.getByRole('link', { name: '探访工作单' }).click();
  await page.getByRole('heading', { name: '探访工作单' }).waitFor();
  const work = page.getByRole('table').first();
  await work.getByText('王秀兰').waitFor();
  expect(await work.innerText()).toContain('孙玉珍');
  expect(await work.innerText()).not.toContain('赵德福');

  for (const name of ['王秀兰', '孙玉珍']) {
    await page.getByRole('button', { name: `登记探访 ${name}` }).click();
    const v = dialog(page);
    await pick(page, '探访方式', name === '王秀兰' ? '上门' : '电话');
    await v.getByLabel('生活/安全/赡养情况').fill('生活正常，门窗煤气安全，子女每周来电');
    if (name === '王秀兰') await v.getByLabel('转介/处置').fill('联系社区卫生服务中心上门测血压');
    await v.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已登记对${name}的探访`).waitFor();
  }
  await expect.poll(async () => (await work.innerText()).includes('孙玉珍')).toBe(false);

  // The month's visit rate by village: everyone due has been visited.
  const rate = page.getByRole('table', { name: '月探访率' });
  await rate.getByText('合计').waitFor();
  await expect
    .poll(async () => rate.getByRole('row').filter({ hasText: '合计' }).innerText())
    .toMatch(/3\s+2\s+2\s+100\.0%/);
  expect(await rate.getByRole('row').filter({ hasText: villageB.name }).innerText()).toMatch(/2\s+1\s+1\s+100\.0%/);
  await e.screenshot('stations-visits');

  const visits = await e.core.ledger.db.selectFrom('elderly_visits').selectAll().orderBy('created_at').execute();
  expect(visits.map((v) => [v.visited_on, v.way, v.visitor])).toEqual([
    [today, 'home', '张经办'],
    [today, 'phone', '张经办'],
  ]);
  expect(visits.find((v) => v.way === 'home')?.referral).toBe('联系社区卫生服务中心上门测血压');
  const actions = await e.core.ledger.db.selectFrom('journal').select('action').execute();
  expect(actions.map((a) => a.action)).toEqual(
    expect.arrayContaining(['elderly.register', 'elderly.revealId', 'elderly.visit.add']),
  );
});
