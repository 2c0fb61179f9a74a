// Seeded cases that are not a paid period: 临时救助 grants (one payment, with every member alive that month) and 低保
// applications that were refused, withdrawn or are still in progress at the end of the span.
import type { CasesTable } from '../../main/ledger/cases';
import { addDays, addSteps, CASE_BLANKS, type CaseRows, type CaseSeed, type SeedStep } from './case-rows';
import type { PlannedHousehold } from './households';
import type { Rng } from './random';
import { dateIn, isoOf, monthStr, msecsOf } from './time';

/** A 临时救助 grant in month `m`: approved, paid once, covering the household's living members. */
export function grantCase(seed: CaseSeed, rng: Rng, h: PlannedHousehold, m: number, out: CaseRows): void {
  const emergency = rng.chance(0.4);
  const applied = dateIn(m, rng.int(1, 20));
  const decided = addDays(applied, emergency ? rng.int(0, 2) : rng.int(7, 20));
  const amount = rng.int(5, emergency ? 60 : 100) * 10_000; // 500–10 000 元 in whole hundreds
  const msecs = msecsOf(applied, rng.int(0, 28_800));
  const advance = emergency && rng.chance(0.5);
  const row: CasesTable = {
    ...CASE_BLANKS,
    id: rng.id(msecs),
    household_id: h.row.id,
    person_id: null,
    category: 'linshi',
    area: h.row.hukou_type,
    linshi_type: emergency ? 'emergency' : 'expenditure',
    grant_amount_fen: amount,
    grant_month: monthStr(m),
    advance_aid: advance ? 1 : 0,
    paperwork_done_on: advance ? addDays(decided, rng.int(3, 10)) : null,
    status: 'active',
    case_no: seed.caseNo('linshi', Number(decided.slice(0, 4))),
    applied_on: applied,
    accepted_on: applied,
    decided_on: decided,
    start_month: null,
    stop_month: null,
    stop_reason: null,
    kin_of_staff: 0,
    recheck_cycle: null,
    next_recheck_on: null,
    taper_until_month: null,
    reserve_paid: amount <= 100_000 ? 1 : 0,
    due_task: null,
    due_on: null,
    overall_due_on: null,
    created_by: seed.actors.clerk.id,
    created_at: isoOf(msecs),
    updated_at: isoOf(msecs),
    version: 1,
  };
  out.cases.push(row);
  for (const [k, p] of h.people.entries()) {
    if (p.birthIdx >= m || (p.deathIdx !== null && p.deathIdx < m)) continue;
    out.members.push({
      id: rng.id(msecs + 50 + k),
      case_id: row.id,
      person_id: p.row.id,
      start_month: monthStr(m),
      stop_month: monthStr(m + 1),
      created_at: row.created_at,
    });
  }
  addSteps(rng, out, row.id, msecs, [
    ['apply', applied, seed.actors.clerk],
    ['approve', decided, seed.actors.reviewer],
  ]);
}

/** A 低保 application refused, withdrawn, or still in progress at the end of the span (with its due task). */
export function unapprovedCase(
  seed: CaseSeed,
  rng: Rng,
  h: PlannedHousehold,
  m: number,
  outcome: 'rejected' | 'withdrawn' | 'pending',
  out: CaseRows,
): void {
  const applied =
    outcome === 'pending' ? addDays(dateIn(seed.span.lastIdx, 28), -rng.int(1, 40)) : dateIn(m, rng.int(1, 20));
  const msecs = msecsOf(applied, rng.int(0, 28_800));
  const stage = rng.weighted([
    ['applied', 2],
    ['investigating', 3],
    ['preliminary', 1],
    ['publicizing', 2],
    ['reviewing', 2],
  ] as const);
  const status: CasesTable['status'] = outcome === 'pending' ? stage : outcome;
  const dueTask: Record<string, string> = {
    applied: 'investigate',
    investigating: 'preliminary',
    preliminary: 'publicize',
    publicizing: 'end_publicity',
    reviewing: 'approve',
  };
  const decided = outcome === 'pending' ? null : addDays(applied, rng.int(15, 40));
  const row: CasesTable = {
    ...CASE_BLANKS,
    id: rng.id(msecs),
    household_id: h.row.id,
    person_id: null,
    category: 'dibao',
    area: h.row.hukou_type,
    status,
    case_no: null,
    applied_on: applied,
    accepted_on: applied,
    decided_on: decided,
    start_month: null,
    stop_month: null,
    stop_reason: outcome === 'withdrawn' ? '申请人撤回申请' : null,
    kin_of_staff: 0,
    recheck_cycle: null,
    next_recheck_on: null,
    taper_until_month: null,
    reserve_paid: 0,
    due_task: outcome === 'pending' ? (dueTask[stage] ?? null) : null,
    due_on: outcome === 'pending' ? addDays(applied, rng.int(10, 45)) : null,
    overall_due_on: outcome === 'pending' ? addDays(applied, 42) : null,
    created_by: seed.actors.clerk.id,
    created_at: isoOf(msecs),
    updated_at: isoOf(msecs),
    version: 1,
  };
  out.cases.push(row);
  const c = seed.actors.clerk;
  const steps: SeedStep[] = [
    ['apply', applied, c],
    ['accept', applied, c],
  ];
  if (decided)
    steps.push(outcome === 'rejected' ? ['reject', decided, seed.actors.reviewer] : ['withdraw', decided, c]);
  addSteps(rng, out, row.id, msecs, steps, (step) =>
    step === 'reject' ? JSON.stringify({ reason: '家庭人均收入高于低保标准' }) : null,
  );
}
