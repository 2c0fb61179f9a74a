// Issue 20: a paying case without an ID number. Every person a paying case covers needs a checked ID number, or an
// explicit, reasoned, journalled exception recorded by a reviewer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDaysIso, household, member, putStandards, setup, type Ctx } from './fixtures';

let c: Ctx;
beforeEach(async () => {
  c = await setup('2026-11-02');
  await putStandards(c, '2026-01');
});
afterEach(async () => {
  await c.t.close();
});

/** A 低保 case for a household whose head has no ID number, taken to 审核确认 (公示 ended). */
async function toReview() {
  const { t, clock } = c;
  const page = await household(
    c,
    [member('李旺', '1970-03-01', 'M', '户主', { idNumber: null }), member('陈霞华', '1972-05-01', 'F', '配偶')],
    360_000,
  );
  let k = await t.clerk.call('cases.create', {
    householdId: page.household.id,
    category: 'dibao',
    appliedOn: '2026-11-02',
  });
  const head = page.members.find((m) => m.name === '李旺')!;
  // The application is taken, and the case says at once what is missing.
  expect(k.unidentified).toEqual([{ personId: head.personId, name: '李旺', problem: 'missing' }]);
  k = await t.clerk.call('cases.investigate', {
    id: k.id,
    version: k.version,
    onDate: '2026-11-02',
    investigators: ['张经办', '王主任'],
    checkResult: 'pass',
  });
  k = await t.clerk.call('cases.preliminary', { id: k.id, version: k.version, onDate: '2026-11-02', opinion: 'agree' });
  k = await t.clerk.call('cases.publicize', { id: k.id, version: k.version, startOn: '2026-11-02' });
  clock.set(addDaysIso('2026-11-02', 8));
  k = await t.clerk.call('cases.endPublicity', { id: k.id, version: k.version, onDate: addDaysIso('2026-11-02', 8) });
  return { k, head };
}

describe('ID numbers of the persons a paying case covers', () => {
  it('refuses 审核确认 while a covered person has no ID number; nothing is saved', async () => {
    const { k } = await toReview();
    const r = await c.t.reviewer.try('cases.approve', { id: k.id, version: k.version, onDate: '2026-11-10' });
    expect(!r.ok && r.error.message).toBe(
      '保障对象“李旺”没有身份证号码：请先补录并核验18位身份证号码，或由审核人在本案登记“无身份证号例外”并注明原因，然后才能审核确认',
    );
    const after = await c.t.clerk.call('cases.get', { id: k.id });
    expect(after).toMatchObject({ status: 'reviewing', version: k.version, startMonth: null, amounts: [] });
  });

  it('a reviewer records a reasoned exception (journalled); then 审核确认 goes through', async () => {
    const { k, head } = await toReview();
    expect(k.actions).not.toContain('idException'); // the clerk's view
    const asReviewer = await c.t.reviewer.call('cases.get', { id: k.id });
    expect(asReviewer.actions).toContain('idException');
    const byClerk = await c.t.clerk.try('cases.idException', {
      id: k.id,
      version: k.version,
      personId: head.personId,
      reason: '户籍未落实，正在补办',
    });
    expect(!byClerk.ok && byClerk.error.code).toBe('FORBIDDEN');
    const noReason = await c.t.reviewer.try('cases.idException', {
      id: k.id,
      version: k.version,
      personId: head.personId,
      reason: '不详',
    });
    expect(!noReason.ok && noReason.error.message).toBe('请写明无身份证号码的原因（如：户籍未落实、正在补办）');
    let x = await c.t.reviewer.call('cases.idException', {
      id: k.id,
      version: k.version,
      personId: head.personId,
      reason: '户籍未落实，正在补办',
    });
    expect(x.unidentified).toEqual([]);
    expect(x.steps.at(-1)).toMatchObject({
      step: 'id_exception',
      label: '无身份证号例外',
      actorName: '李审核',
      detail: { name: '李旺', reason: '户籍未落实，正在补办' },
    });
    const j = await c.t.core.ledger.db
      .selectFrom('journal')
      .select(['action', 'reason'])
      .where('entity_id', '=', k.id)
      .where('action', '=', 'case.id_exception')
      .execute();
    expect(j).toEqual([
      { action: 'case.id_exception', reason: '无身份证号例外：李旺（没有身份证号码）——户籍未落实，正在补办' },
    ]);
    x = await c.t.reviewer.call('cases.approve', { id: x.id, version: x.version, onDate: '2026-11-10' });
    expect(x.status).toBe('active');
  });
});
