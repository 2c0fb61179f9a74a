// 动态管理 in the browser: a clerk records a member's death (the case goes on with one person), a reviewer confirms
// the proposed amount, and a clerk compares a deaths list that hits the remaining recipient.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { login } from '../helpers/ledger';
import { approvedCase, idFor, member, putStandards, type Ctx } from '../unit/cases/fixtures';
import { startE2E, type E2E } from './harness';

let e: E2E;
let caseId: string;
let headId: string;
beforeAll(async () => {
  e = await startE2E({ initialized: true });
  const [clerk, reviewer] = [await login(e.core, 'clerk'), await login(e.core, 'reviewer')];
  const c = { t: { clerk, reviewer, admin: e.admin! }, clock: { set: () => undefined } } as unknown as Ctx;
  await putStandards(c, '2026-01');
  const [village] = await e.admin!.call('villages.list', {});
  const page = await clerk.call('households.create', {
    villageId: village!.id,
    hukouType: 'rural',
    annualIncomeFen: 0,
    members: [member('赵大河', '1960-02-01', 'M', '户主'), member('钱小花', '1962-03-01', 'F', '配偶')],
  });
  headId = page.members.find((m) => m.name === '赵大河')!.personId;
  const k = await approvedCase(
    c,
    { householdId: page.household.id, category: 'dibao', appliedOn: '2026-11-02' },
    '2026-11-20',
  );
  caseId = k.id;
});
afterAll(async () => {
  await e?.close();
});

test('death, amount decision and a comparison from the screens', async () => {
  const { page } = e;
  await e.loginAs('clerk');
  await page.goto(`${e.host.url}#/lifeevents/deaths`);
  await page.getByRole('button', { name: '登记死亡' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('死者').fill('钱小花');
  await page.getByRole('option', { name: /钱小花/ }).click();
  await dialog.getByLabel('死亡日期').fill('2026-11-25');
  await dialog.getByRole('button', { name: '登记死亡' }).click();
  await page.getByText(/1 件救助的新金额待审核/).waitFor();
  await page.getByRole('cell', { name: '钱小花' }).waitFor();

  await page.getByRole('button', { name: '退出登录' }).click();
  await e.loginAs('reviewer');
  await page.goto(`${e.host.url}#/lifeevents/changes`);
  await page.getByRole('cell', { name: '钱小花' }).waitFor();
  await page.getByRole('button', { name: '审核' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await page.getByText('已处理').waitFor();
  const k = await e.admin!.call('cases.get', { id: caseId });
  // One person left: 800 元 + 分类施保 50 元 (aged 60 or more).
  expect(k.monthlyAmountFen).toBe(85_000);
  await e.screenshot('lifeevents-changes');

  await page.getByRole('button', { name: '退出登录' }).click();
  await e.loginAs('clerk');
  await page.goto(`${e.host.url}#/lifeevents/compare`);
  const id = (await e.admin!.call('people.revealId', { id: headId, reason: '端到端测试' })).idNumber!;
  const csv = `殡葬火化名单\n姓名,身份证号码,死亡日期\n赵大河,${id},2026-11-30\n路人,${idFor('1950-01-01', 'M', '110105')},2026-11-30\n`;
  const chooser = page.waitForEvent('filechooser');
  await page.getByLabel('名单文件').click();
  await (await chooser).setFiles({ name: '火化名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: '开始比对' }).click();
  await page.getByText(/共 2 行，疑点 1 人，不在台账中 1 人/).waitFor();
  await page.getByRole('cell', { name: '在保对象' }).waitFor();
  await page.getByRole('button', { name: '登记核查结果' }).click();
  await page.getByRole('dialog').getByLabel('核查日期').fill('2026-12-01');
  await page
    .getByRole('dialog')
    .getByLabel(/核查情况/)
    .fill('入户核实，已死亡，另行登记');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await page.getByText('核查结果已登记').waitFor();
  await e.screenshot('lifeevents-compare');
});
