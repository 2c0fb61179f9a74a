// 村(社区) list: renames and merges (撤并) keep history; records of a merged village move to the target.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { today } from '../../../src/shared/time';
import { makeTestCore, type TestCore } from '../../helpers/ledger';
import { idFor } from '../cases/fixtures';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

test('merging a village moves its households to the target, closes it, and journals what moved', async () => {
  const villages = await t.admin.call('villages.list', {});
  const from = villages.find((v) => v.name === '花园村委会')!;
  const into = villages.find((v) => v.name === '丁冯村委会')!;
  const page = await t.clerk.call('households.create', {
    villageId: from.id,
    hukouType: 'rural',
    annualIncomeFen: 0,
    members: [{ name: '王芳', idNumber: '11010519491231002X', relation: '户主' }],
  });
  const merged = await t.admin.call('villages.merge', {
    id: from.id,
    version: from.version,
    intoId: into.id,
    reason: '村庄撤并',
  });
  expect(merged).toMatchObject({ active: false, mergedIntoId: into.id });
  const h = await t.clerk.call('households.get', { id: page.household.id });
  expect(h.household.villageId).toBe(into.id);
  expect((await t.admin.call('villages.list', {})).map((v) => v.name)).not.toContain('花园村委会');
  expect((await t.admin.call('villages.list', { includeInactive: true })).map((v) => v.name)).toContain('花园村委会');
  const j = await t.core.ledger.db
    .selectFrom('journal')
    .select(['after', 'reason'])
    .where('action', '=', 'village.merge')
    .executeTakeFirstOrThrow();
  expect(JSON.parse(j.after!)).toMatchObject({
    merged_into: '丁冯村委会',
    households_moved: 1,
    facilities_moved: 0,
    elderly_moved: 0,
    children_moved: 0,
  });
  expect(j.reason).toBe('村庄撤并');
});

test('merging a village also moves its children’s register to the target', async () => {
  const villages = await t.admin.call('villages.list', {});
  const from = villages.find((v) => v.name === '花园村委会')!;
  const into = villages.find((v) => v.name === '丁冯村委会')!;
  const child = await t.clerk.call('children.register', {
    name: '刘小雨',
    idNumber: idFor('2015-06-01', 'F'),
    villageId: from.id,
    categories: ['orphan'],
    fatherStatus: 'dead',
    motherStatus: 'dead',
    placement: 'family',
    guardianName: '刘建华',
    guardianRelation: '祖父',
    guardianPhone: '13900000000',
    registeredOn: today(),
  } as never);
  await t.admin.call('villages.merge', { id: from.id, version: from.version, intoId: into.id, reason: '村庄撤并' });
  expect((await t.clerk.call('children.get', { id: child.id })).villageId).toBe(into.id);
  const j = t.core.ledger.raw.prepare("SELECT after FROM journal WHERE action = 'village.merge'").get() as {
    after: string;
  };
  expect(JSON.parse(j.after)).toMatchObject({ children_moved: 1, households_moved: 0 });
});

test('a village cannot be merged into itself or into a closed one, and a stale merge is refused', async () => {
  const [a, b, c] = await t.admin.call('villages.list', {});
  let r = await t.admin.try('villages.merge', { id: a!.id, version: a!.version, intoId: a!.id, reason: '测试' });
  expect(!r.ok && r.error.message).toBe('不能把村(社区)并入它自己');
  await t.admin.call('villages.merge', { id: b!.id, version: b!.version, intoId: c!.id, reason: '撤并' });
  r = await t.admin.try('villages.merge', { id: a!.id, version: a!.version, intoId: b!.id, reason: '测试' });
  expect(!r.ok && r.error.message).toBe(`“${b!.name}”已撤并，不能作为并入目标`);
  r = await t.admin.try('villages.rename', { id: a!.id, version: a!.version + 5, name: '新名', reason: '测试' });
  expect(!r.ok && r.error.message).toBe(`村(社区)“${a!.name}”已被他人修改，请刷新后重新编辑（您的修改未保存）`);
});
