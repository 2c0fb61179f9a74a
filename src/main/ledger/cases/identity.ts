// Issue 20: every person a paying case covers has a checked ID number (18 digits, check digit verified when it was
// entered), or an explicit exception a reviewer recorded on the case with a reason (无身份证号例外: a case step,
// journalled). Called at 审核确认 and by any change that adds a person to a paying case's coverage.
import { LedgerError, rule } from '../../../shared/errors';
import { today } from '../../../shared/time';
import { actorOf, type ServiceContext } from '../kernel';
import { addStep, loadCase, patchCase } from './caseops';

export interface UnidentifiedPerson {
  personId: string;
  name: string;
  /** missing: no ID number; legacy: an old 15-digit number (no check digit to verify). */
  problem: 'missing' | 'legacy';
}

const PROBLEM_TEXT = { missing: '没有身份证号码', legacy: '只有15位旧身份证号码（无法核验校验码）' } as const;

/** The people among `personIds` (default: all the case covers) without a checked ID number and without an exception. */
export async function unidentifiedCovered(
  ctx: ServiceContext,
  caseId: string,
  personIds?: string[],
): Promise<UnidentifiedPerson[]> {
  let q = ctx.db
    .selectFrom('case_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'p.id_number', 'p.id_legacy'])
    .where('m.case_id', '=', caseId)
    .where('m.stop_month', 'is', null);
  if (personIds) {
    if (personIds.length === 0) return [];
    q = q.where('p.id', 'in', personIds);
  }
  const people = await q.execute();
  const bad = people.filter((p) => !p.id_number || p.id_legacy === 1);
  if (bad.length === 0) return [];
  const excepted = new Set(
    (
      await ctx.db
        .selectFrom('case_steps')
        .select('detail')
        .where('case_id', '=', caseId)
        .where('step', '=', 'id_exception')
        .execute()
    ).map((s) => (s.detail ? String((JSON.parse(s.detail) as { personId?: string }).personId) : '')),
  );
  const seen = new Set<string>();
  return bad
    .filter((p) => !excepted.has(p.id) && !seen.has(p.id) && seen.add(p.id))
    .map((p) => ({ personId: p.id, name: p.name, problem: p.id_number ? 'legacy' : 'missing' }));
}

/** Refuses `doing` while a covered person (of `personIds`, default all) lacks a checked ID number and an exception. */
export async function assertCoveredIdentified(
  ctx: ServiceContext,
  caseId: string,
  doing: string,
  personIds?: string[],
): Promise<void> {
  const bad = await unidentifiedCovered(ctx, caseId, personIds);
  if (bad.length === 0) return;
  const who = bad.map((p) => `“${p.name}”${PROBLEM_TEXT[p.problem]}`).join('；');
  throw rule(
    `保障对象${who}：请先补录并核验18位身份证号码，或由审核人在本案登记“无身份证号例外”并注明原因，然后才能${doing}`,
    { idNumber: '须有经核验的身份证号码或例外登记' },
  );
}

/** A reviewer records that a covered person may be paid without a checked ID number, with the reason. */
export async function grantIdException(
  ctx: ServiceContext,
  input: { id: string; version: number; personId: string; reason: string },
): Promise<void> {
  const actor = actorOf(ctx);
  const c = await loadCase(ctx, input.id, input.version);
  const reason = input.reason.trim();
  if (reason.length < 4)
    throw new LedgerError('BAD_INPUT', '请写明无身份证号码的原因（如：户籍未落实、正在补办）', {
      reason: '请填写原因',
    });
  const bad = await unidentifiedCovered(ctx, c.id, [input.personId]);
  const p = bad[0];
  if (!p) throw rule('该人员不是本案保障对象，或已有经核验的身份证号码（或已登记例外），无须登记例外');
  await addStep(ctx, c.id, 'id_exception', today(ctx.now()), {
    personId: p.personId,
    name: p.name,
    problem: p.problem,
    reason,
    byName: actor.name,
  });
  await patchCase(
    ctx,
    c,
    {},
    'case.id_exception',
    `无身份证号例外：${p.name}（${PROBLEM_TEXT[p.problem]}）——${reason}`,
  );
}
