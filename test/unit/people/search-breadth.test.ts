// Name search: a common surname is answered from the name index (names that start with it); a rarer text also
// finds names that contain it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { idCheckChar } from '../../../src/shared/idcard';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
const id = (seq: number) => {
  const first17 = `32120219800101${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};

beforeAll(async () => {
  t = await makeTestCore();
  const [village] = await t.clerk.call('villages.list', {});
  const given = '一二三四五六七八九十';
  const names = Array.from({ length: 55 }, (_, i) => `王${given[i % 10]}${given[Math.floor(i / 10)]}`);
  names.push('李王芳', '王芳');
  let seq = 1;
  for (const name of names) {
    await t.clerk.call('households.create', {
      villageId: village!.id,
      hukouType: 'rural',
      annualIncomeFen: 0,
      members: [{ name, idNumber: id(seq++), relation: '户主' }],
    });
  }
});
afterAll(() => t.close());

test('“王” (a surname shared by 56 people) lists the people whose name starts with 王', async () => {
  const r = await t.clerk.call('people.search', { q: '王', limit: 100 });
  expect(r.total).toBe(56);
  expect(r.rows.every((p) => p.name.startsWith('王'))).toBe(true);
});

test('“王芳” (few names start with it) also finds 李王芳, whose name contains it', async () => {
  const r = await t.clerk.call('people.search', { q: '王芳', limit: 100 });
  expect(r.rows.map((p) => p.name).sort()).toEqual(['李王芳', '王芳'].sort());
});
