// Issue 15: 修改后采用 for every kind of waiting item — a possible duplicate person (the ID number corrected), a change
// the office's rules refused (corrected and applied) — each through the dispatcher as the reviewer, journalled.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { handlers } from '../../../src/main/api/handlers';
import { importChangeFile } from '../../../src/main/ledger/village';
import type { ServiceContext } from '../../../src/main/ledger/kernel';
import { LedgerError } from '../../../src/shared/errors';
import { household, idFor } from '../cases/fixtures';
import { hhUpdate, makeWorld, member, type World } from './world';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});
afterEach(async () => {
  await w.close();
});

it('a possible duplicate: edited with the same ID number it is refused; with the corrected one it is registered', async () => {
  const one = await w.makeCopy(w.c.villageId, 'xieli');
  // Registered at the office in the other village; the village types the same ID number for its new household.
  const known = member('钱同', '1955-06-06', 'M', '户主');
  await household(w.c, [known], 1_000_000, w.c.village2Id);
  await one.village.call('households.create', {
    villageId: w.c.villageId,
    hukouType: 'rural',
    address: '新村3号',
    annualIncomeFen: 200_000,
    members: [{ ...known, name: '钱童' }],
  });
  const r = await w.importAtOffice(await one.export());
  expect(r).toMatchObject({ conflicts: 1 });
  const [q] = await w.c.t.reviewer.call('village.queue', {});
  expect(q).toMatchObject({ kind: 'duplicate', editNote: null });
  expect(q!.editable.map((e) => [e.label, e.value])).toEqual([
    ['姓名', '钱童'],
    ['身份证号', known.idNumber],
  ]);
  const same = await w.c.t.reviewer.try('village.resolve', {
    id: q!.id,
    version: q!.version,
    choice: 'edit',
    values: { name: '钱童', idNumber: known.idNumber },
  });
  expect(same.ok ? '' : same.error.message).toContain('仍已在办公室台账登记（钱同）');
  const corrected = idFor('1955-06-07', 'M');
  const done = await w.c.t.reviewer.call('village.resolve', {
    id: q!.id,
    version: q!.version,
    choice: 'edit',
    values: { idNumber: corrected },
  });
  expect(done).toMatchObject({ status: 'resolved', resolution: 'edit' });
  const found = await w.c.t.reviewer.call('households.list', { q: '钱童' });
  expect(found.rows).toHaveLength(1);
  const hh = await w.c.t.reviewer.call('households.get', { id: found.rows[0]!.id });
  expect(hh.members.map((m) => m.name)).toEqual(['钱童']);
});

it('a change the office refused waits in the queue with its reason; corrected, it is applied', async () => {
  const one = await w.makeCopy(w.c.villageId, 'xieli');
  await one.village.call('households.update', hhUpdate(w.c.villageId, w.a1, { address: '村里填的地址' }));
  const text = await one.export();
  // The office's rules refuse it (here: a rule that refuses every household edit during this import).
  const refusing = {
    ...handlers,
    'households.update': async () => {
      throw new LedgerError('RULE', '地址不符合本乡镇的门牌规范');
    },
  } as unknown as Record<string, (ctx: ServiceContext, input: unknown) => Promise<unknown>>;
  const admin = await w.c.t.core.ledger.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', 'reviewer')
    .executeTakeFirstOrThrow();
  const r = await importChangeFile({
    office: w.c.t.core.ledger,
    host: { sessions: w.c.t.core.sessions, dataDir: w.c.t.core.dataDir, resourcesDir: w.c.t.core.resourcesDir },
    actor: { id: admin.id, username: admin.username, name: admin.display_name, role: admin.role },
    text,
    handlers: refusing,
    now: w.c.clock.now,
  });
  expect([r.applied, r.refused]).toEqual([0, 1]);
  const [q] = await w.c.t.reviewer.call('village.queue', {});
  expect(q).toMatchObject({ kind: 'refused', refusal: '地址不符合本乡镇的门牌规范', editNote: null });
  expect(q!.editable.find((e) => e.field === 'address')?.value).toBe('村里填的地址');
  await w.c.t.reviewer.call('village.resolve', {
    id: q!.id,
    version: q!.version,
    choice: 'edit',
    values: { address: '城东街道幸福路1号之一' },
  });
  const hh = await w.c.t.reviewer.call('households.get', { id: w.a1.household.id });
  expect(hh.household.address).toBe('城东街道幸福路1号之一');
  // The copy learns the final result on the next return file.
  expect(await one.importReturn(await w.returnFor(one))).toContain('确认 1 项变更');
  const status = await one.village.call('village.status', {});
  expect(status.acknowledged).toEqual({ applied: 1, queued: 0, refused: 0 });
});
