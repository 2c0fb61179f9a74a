// The rows of one seeded case that every kind of case writes the same way: the columns left blank, the dated
// workflow steps, and the history of the monthly amount (case_amounts). Plain data out.
import type {
  CaseAmountsTable,
  CaseCategory,
  CaseMembersTable,
  CaseStepsTable,
  CasesTable,
  SelfCareAssessmentsTable,
} from '../../main/ledger/cases';
import type { SpanInfo } from './households';
import type { Rng } from './random';
import { dateIn, isoOf, monthStr, msecsOf, yearOf } from './time';

/** What the cases of one seed share: the span, who acts, and the case numbers given out so far. */
export interface CaseSeed {
  readonly span: SpanInfo;
  readonly actors: SeedActors;
  caseNo(category: CaseCategory, year: number): string;
}

/** The columns a seeded case leaves at their starting value unless its kind sets them. */
export const CASE_BLANKS = {
  single_person: 0,
  support_mode: null,
  care_grade: null,
  linshi_type: null,
  grant_amount_fen: null,
  grant_month: null,
  advance_aid: 0,
  paperwork_done_on: null,
  monthly_amount_fen: null,
  kin_note: null,
  band: null,
  special_case: 0,
  pending_batch_id: null,
} satisfies Partial<CasesTable>;

/** A dated step of a seeded case and who took it. */
export type SeedStep = readonly [step: string, on: string, actor: { id: string; name: string }];

/** A case's steps in order, the k-th stamped k + 1 ms after `msecs` (its id and created_at). */
export function addSteps(
  rng: Rng,
  out: CaseRows,
  caseId: string,
  msecs: number,
  steps: readonly SeedStep[],
  detailOf: (step: string) => string | null = () => null,
): void {
  for (const [k, [step, on, actor]] of steps.entries()) {
    out.steps.push({
      id: rng.id(msecs + k + 1),
      case_id: caseId,
      step,
      on_date: on,
      actor_id: actor.id,
      actor_name: actor.name,
      detail: detailOf(step),
      created_at: isoOf(msecs + k + 1),
    });
  }
}

export interface SeedActors {
  clerk: { id: string; name: string };
  reviewer: { id: string; name: string };
}

export interface CaseRows {
  cases: CasesTable[];
  members: CaseMembersTable[];
  amounts: CaseAmountsTable[];
  steps: CaseStepsTable[];
  assessments: SelfCareAssessmentsTable[];
}

const DAY = 86_400_000;
export const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const yuanRound = (fen: number): number => Math.round(fen / 100) * 100;

/** A paid period of a case, in month indexes. */
export interface Episode {
  start: number;
  /** First month not paid; null = open-ended. */
  stop: number | null;
  stopReason: string | null;
  taperFrom: number | null;
}

/**
 * Walks the paid months and writes a case_amounts row whenever the amount changes: the first month ('initial'),
 * each January's new standard ('standard'), a member's death or birth, a 复核, and the 渐退 months ('taper').
 */
export function amountRows(
  seed: CaseSeed,
  rng: Rng,
  row: CasesTable,
  ep: Episode,
  out: CaseRows,
  amountIn: (m: number, year: number) => { base: number; supp: number },
): void {
  const end = ep.stop ?? seed.span.lastIdx + 1;
  let prev: { base: number; supp: number } | null = null;
  let last = 0;
  for (let m = ep.start; m < end; m++) {
    let a = amountIn(m, yearOf(m));
    const taper = ep.taperFrom !== null && m >= ep.taperFrom;
    if (taper) a = { base: yuanRound(a.base / 2), supp: a.supp };
    if (prev && prev.base === a.base && prev.supp === a.supp) continue;
    const total = a.base + a.supp;
    const kind: CaseAmountsTable['kind'] = !prev
      ? 'initial'
      : taper
        ? 'taper'
        : m % 12 === 0
          ? 'standard'
          : total > last
            ? 'increase'
            : 'decrease';
    const reason =
      kind === 'initial'
        ? null
        : kind === 'standard'
          ? `${yearOf(m)}年保障标准调整`
          : kind === 'taper'
            ? '就业增收，渐退期减半发放'
            : '家庭情况变化，复核调整';
    const on = m - 1 < seed.span.firstIdx ? seed.span.startDate : dateIn(m - 1, 26);
    const ms = Math.max(msecsOf(on, rng.int(0, 3600)), Date.parse(row.created_at) + 10);
    out.amounts.push({
      id: rng.id(ms),
      case_id: row.id,
      effective_month: monthStr(m),
      amount_fen: total,
      base_fen: a.base,
      supplement_fen: a.supp,
      kind,
      reason,
      created_by: seed.actors.clerk.id,
      created_at: isoOf(ms),
    });
    prev = a;
    last = total;
  }
  row.monthly_amount_fen = last;
}
