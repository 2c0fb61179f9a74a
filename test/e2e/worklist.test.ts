// 工作台 (issue 20): every due row says what is needed and opens the work it counts. A ledger with applications at
// two steps (one waiting for 入户调查, two for 审核确认) and no payment roll yet; the reviewer clicks each row on the
// 工作台 and finds the page it names — for the cases, the worklist narrowed to that step with exactly the row's count.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { login, type Caller } from '../helpers/ledger';
import { addDays } from '../../src/shared/time';
import { idCheckChar } from '../../src/shared/idcard';
import { startE2E, type E2E } from './harness';
import { registeredInput } from '../unit/orgs/fixtures';

let e: E2E;
let page: Page;
let clerk: Caller;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const day = (n: number) => addDays(today, n);
let seq = 300;
const idFor = (birth: string) => {
  const first17 = `321202${birth}${String(seq++).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};

async function application(head: string) {
  const villages = await clerk.call('villages.list', {});
  const h = await clerk.call('households.create', {
    villageId: villages[0]!.id,
    hukouType: 'rural',
    address: '城东街道幸福路9号',
    annualIncomeFen: 240_000,
    bankName: '农业银行',
    bankAccount: '6228480000000000199',
    members: [{ name: head, idNumber: idFor('19560101'), relation: '户主', bankAccount: '6228480000000000001' }],
  });
  return clerk.call('cases.create', { householdId: h.household.id, category: 'dibao', appliedOn: day(-20) });
}

async function waitingForApproval(head: string) {
  let k = await application(head);
  k = await clerk.call('cases.investigate', {
    id: k.id,
    version: k.version,
    onDate: day(-20),
    investigators: ['张经办', '村委王主任'],
    checkResult: 'pass',
  });
  k = await clerk.call('cases.preliminary', { id: k.id, version: k.version, onDate: day(-20), opinion: 'agree' });
  k = await clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: day(-20) });
  return clerk.call('cases.endPublicity', { id: k.id, version: k.version, onDate: day(-5) });
}

/**
 * The other ledgers' due work: two elderly people of 高风险 (one never visited, so due and overdue this month; one
 * visited on the 1st, due again within days but done for this month), an operating facility without this month's
 * figures and with two open hazards, and an organization whose inspections are due.
 */
async function otherLedgers() {
  const villages = await clerk.call('villages.list', {});
  const month = today.slice(0, 7);
  for (const name of ['周奶奶', '吴爷爷']) {
    const p = await clerk.call('elderly.register', {
      idNumber: idFor('19400312'),
      name,
      villageId: villages[0]!.id,
      address: '一组 12 号',
      phone: '13800000001',
      categories: ['alone'],
      riskLevel: 'high',
      contactName: null,
      contactPhone: null,
      remark: null,
      registeredOn: day(-30),
    });
    if (name === '吴爷爷')
      await clerk.call('elderly.visits.add', {
        elderlyId: p.id,
        visitedOn: `${month}-01`,
        way: 'home',
        visitor: '张经办',
        findings: '身体尚好',
        problems: null,
        referral: null,
      });
  }
  const f = await clerk.call('stations.facilities.create', {
    name: '城东社区养老服务站',
    type: 'station',
    villageId: villages[0]!.id,
    address: '城东街道凤凰路 8 号',
    operatorName: '泰州市海陵区乐龄养老服务中心',
    operatorUscc: '52110105MJ0000018A',
    legalForm: 'private_non_enterprise',
    operatingModel: 'public_private',
    premises: 'owned',
    contactName: '周站长',
    contactPhone: '0523-86000000',
    bedsTotal: 10,
    bedsNursing: 4,
    bedsOccupied: 3,
    staffCount: 6,
    carerCount: 3,
    serviceItems: ['meal'],
    remark: null,
    status: 'operating',
    openedOn: day(-90),
  });
  for (const findings of ['消防通道堆放杂物', '厨房燃气报警器失灵'])
    await clerk.call('stations.inspections.add', {
      facilityId: f.id,
      inspectedOn: day(-10),
      kind: '消防检查',
      inspectors: '城东街道安全检查组',
      findings,
      hazard: true,
      rectifyBy: day(10),
    });
  await clerk.call('orgs.register', registeredInput());
}

beforeAll(async () => {
  e = await startE2E({ initialized: true });
  page = e.page;
  page.setDefaultTimeout(15_000);
  clerk = await login(e.core, 'clerk');
  await application('赵一');
  await waitingForApproval('钱二');
  await waitingForApproval('孙三');
  await otherLedgers();
  await e.loginAs('reviewer');
});
afterAll(async () => {
  await e?.close();
});

/** The steps this ledger has waiting, as the worklist's 事项 column names them. */
const STEP = { approve: '审核确认', investigate: '开始入户调查' };

/** The 待办 rows on 工作台: label, count and where the row leads. */
async function dueRows() {
  await page.goto(`${e.host.url}#/`);
  const card = page.getByLabel('待办');
  await card.getByRole('link').first().waitFor();
  const rows = card.getByRole('row');
  const out: { label: string; count: number; href: string }[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const link = rows.nth(i).getByRole('link');
    out.push({
      label: (await link.textContent()) ?? '',
      count: Number(await rows.nth(i).getByRole('cell').nth(1).textContent()),
      href: (await link.getAttribute('href')) ?? '',
    });
  }
  return out;
}

test('each 工作台 row names the step needed and opens that work; the cases rows open the worklist with their count', async () => {
  const rows = await dueRows();
  const labels = rows.map((r) => r.label);
  let [visitsChecked, monthsChecked, rectifyChecked, orgsChecked] = [0, 0, 0, 0];
  expect(labels).toContain('救助申请待审核确认');
  // Applied 20 days ago: the investigation is overdue, and the row says so.
  expect(labels).toContain('救助申请待入户调查（其中逾期 1 项）');
  expect(labels).toContain(`${today.slice(0, 7)} 发放花名册待生成`);
  expect(labels.some((l) => /办理中/.test(l))).toBe(false);
  // Every row is a link: none is only a label.
  expect(await page.getByLabel('待办').getByRole('row').count()).toBe(rows.length);

  for (const row of rows) {
    await page.goto(`${e.host.url}#/`);
    await page.getByLabel('待办').getByRole('link', { name: row.label, exact: true }).click();
    await page.waitForURL((u) => u.hash === row.href);
    const [kind] = row.href.slice(2).split(/[/?]/);
    const arg = row.href.split('task=')[1];
    if (row.href.startsWith('#/cases/worklist?task=')) {
      // The worklist of that step, for everyone: as many rows as the 工作台 counted, each that step.
      await page.getByRole('heading', { name: '待办事项' }).waitFor();
      const table = page.getByRole('table', { name: '待办事项' });
      await page.getByText(`共 ${row.count} 项`).waitFor();
      expect(await table.locator('tbody tr').count()).toBe(row.count);
      const step = STEP[arg as keyof typeof STEP];
      expect(step, row.href).toBeTruthy();
      for (const cell of await table.locator('tbody tr td:nth-child(3)').allTextContents()) expect(cell).toBe(step);
    } else if (row.href.startsWith('#/cases/rolls/')) {
      await page.getByRole('heading', { name: '发放花名册' }).waitFor();
      expect(await page.getByLabel('月份').inputValue()).toBe(row.href.slice('#/cases/rolls/'.length));
      await page.getByText(`${row.href.slice('#/cases/rolls/'.length)} 的花名册尚未生成。`).waitFor();
    } else if (row.href.startsWith('#/reports?month=')) {
      const month = row.href.slice('#/reports?month='.length);
      await page.getByRole('heading', { name: '月度报表' }).waitFor();
      await page
        .getByLabel('报告月份状态')
        .getByText(`${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`, { exact: true })
        .waitFor();
    } else if (row.href.startsWith('#/stations/visits?month=')) {
      // 探访工作单 narrowed to those due this month and not visited in it: the row's count, shown as a filter.
      await page.getByRole('heading', { name: '探访工作单' }).waitFor();
      await page.getByText(`${today.slice(0, 7)} 应探访未探访`).waitFor();
      await page.getByText(`待探访 ${row.count} 人`, { exact: false }).waitFor();
      expect(await page.getByRole('table', { name: '待探访老人' }).locator('tbody tr').count()).toBe(row.count);
      visitsChecked = row.count;
    } else if (row.href.startsWith('#/stations/figures?month=')) {
      await page.getByRole('heading', { name: '养老服务月度数据' }).waitFor();
      expect(await page.getByLabel('月份').inputValue()).toBe(row.href.split('month=')[1]);
      // The alert named by its title lists the facilities, each a link to its page.
      const missing = page.getByRole('alert', { name: /尚未填报 .* 运营数据/ });
      await missing.waitFor();
      expect(await missing.getByRole('link').count()).toBe(row.count);
      monthsChecked = row.count;
    } else if (row.href === '#/stations?rectify=1') {
      await page.getByText(`只看待整改的安全隐患：${row.count} 项`).waitFor();
      expect(await page.getByRole('table', { name: '待整改的安全隐患' }).locator('tbody tr').count()).toBe(row.count);
      // Only the rectifications: the facility list itself is not shown under this filter.
      expect(await page.getByLabel('搜索设施').count()).toBe(0);
      rectifyChecked = row.count;
    } else if (row.href === '#/orgs/worklist') {
      await page.getByRole('heading', { name: '社会组织待办' }).waitFor();
      await page.getByText(`共 ${row.count} 项`, { exact: false }).waitFor();
      expect(await page.getByRole('table', { name: '社会组织待办' }).locator('tbody tr').count()).toBe(row.count);
      orgsChecked = row.count;
    } else {
      // The other ledgers' rows open their own pages (a heading is shown, not the 工作台).
      expect(kind).not.toBe('');
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      expect(await page.getByRole('heading', { name: '工作台' }).count()).toBe(0);
    }
  }
  await e.screenshot('worklist-approve');
  // The other ledgers' rows were there and each opened exactly what it counts.
  expect([visitsChecked, monthsChecked, rectifyChecked]).toEqual([1, 1, 2]);
  expect(orgsChecked).toBeGreaterThan(0);
});

test('the filters a 工作台 row opens are shown and can be cleared, and the address follows', async () => {
  const month = today.slice(0, 7);
  await page.goto(`${e.host.url}#/stations/visits?month=${month}`);
  const table = page.getByRole('table', { name: '待探访老人' });
  await page.getByText('待探访 1 人', { exact: false }).waitFor();
  expect(await table.locator('tbody tr').first().textContent()).toContain('周奶奶');
  await page.getByRole('button', { name: '清除本月应探访筛选' }).click();
  // Without it the usual 7-day list: 吴爷爷, visited on the 1st, is due again within days.
  await page.getByText('待探访 2 人', { exact: false }).waitFor();
  expect(await page.getByText(`${month} 应探访未探访`).count()).toBe(0);
  expect(page.url()).not.toContain('month=');

  await page.goto(`${e.host.url}#/stations?rectify=1`);
  await page.getByText('只看待整改的安全隐患：2 项').waitFor();
  await page.getByRole('button', { name: '清除待整改筛选' }).click();
  await page.getByLabel('搜索设施').waitFor();
  expect(page.url()).not.toContain('rectify=');
  await page.getByRole('button', { name: '待整改的安全隐患 2 项' }).click();
  await page.getByText('只看待整改的安全隐患：2 项').waitFor();
  expect(page.url()).toContain('rectify=1');
});

test('the worklist opened for one step can be switched to another step, and the address follows', async () => {
  await page.goto(`${e.host.url}#/`);
  await page.getByRole('heading', { name: '工作台' }).waitFor();
  await page.goto(`${e.host.url}#/cases/worklist?task=approve`);
  const table = page.getByRole('table', { name: '待办事项' });
  await page.getByText('共 2 项').waitFor();
  await page.getByRole('combobox', { name: '事项' }).click();
  await page.getByRole('option', { name: '开始入户调查', exact: true }).click();
  await page.getByText('共 1 项').waitFor();
  expect(await table.locator('tbody tr').count()).toBe(1);
  expect(page.url()).toContain('task=investigate');
});
