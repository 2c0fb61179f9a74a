// 工作台 shows what is due across all three ledgers, not only the assistance cases.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { idCheckChar } from '../../../src/shared/idcard';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { registeredInput } from '../orgs/fixtures';

let t: TestCore;
const clock = new Date('2026-03-20T02:00:00Z');
beforeAll(async () => {
  t = await makeTestCore({ now: () => clock });
});
afterAll(() => t.close());

test('an unvisited high-risk elder and an organization with a missed inspection appear in the due list', async () => {
  const before = await t.clerk.call('reports.dashboard', { month: '2026-02' });
  expect(before.due.map((d) => d.key)).not.toContain('visits:2026-03');
  expect(before.due.map((d) => d.key)).not.toContain('orgs');

  const [village] = await t.clerk.call('villages.list', {});
  const first17 = '32120219440312021';
  await t.clerk.call('elderly.register', {
    idNumber: first17 + idCheckChar(first17),
    name: '王秀兰',
    villageId: village!.id,
    address: '一组 12 号',
    phone: '13800000001',
    categories: ['alone'],
    riskLevel: 'high',
    contactName: '王建国（儿子）',
    contactPhone: '13900000002',
    remark: null,
    registeredOn: '2026-03-01',
  });
  await t.clerk.call('orgs.register', registeredInput());

  const after = await t.clerk.call('reports.dashboard', { month: '2026-02' });
  expect(after.due.find((d) => d.key.startsWith('visits:'))).toEqual({
    key: 'visits:2026-03',
    label: '特殊困难老年人本月应探访未探访',
    count: 1,
  });
  const orgs = after.due.find((d) => d.key === 'orgs');
  expect(orgs?.count).toBeGreaterThan(0);
  expect(orgs?.label).toMatch(/^社会组织年检、评估、换届待办/);
});
