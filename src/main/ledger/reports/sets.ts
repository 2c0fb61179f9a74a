// The sets of cases behind the monthly figures, as SQL fragments over `cases c` joined to `households h`. The
// figures (figures.ts) aggregate these sets and the trace (trace.ts) lists them, so a figure and the records it
// opens always come from the same WHERE clause. Definitions: docs/REPORTS.md.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db';

/**
 * Statuses of a case that was approved (and possibly stopped since): the only ones ever paid. The unary + keeps
 * SQLite from choosing the (unselective) status index over cases(category, start_month, stop_month).
 */
const PAID = sql.raw(`+c.status IN ('active','stopped') AND c.pending_batch_id IS NULL`);

/** The summary row code of a case (特困 and 孤儿 split by 供养方式; no 供养方式 recorded counts as 分散/散居). */
export const ROW_KEY = sql.raw(`CASE c.category
  WHEN 'tekun' THEN CASE WHEN c.support_mode = 'centralized' THEN 'tekun_centralized' ELSE 'tekun_dispersed' END
  WHEN 'guer' THEN CASE WHEN c.support_mode = 'centralized' THEN 'guer_centralized' ELSE 'guer_dispersed' END
  ELSE c.category END`);

/** SQL condition on `c` selecting the cases of one summary row code. */
export function rowKeyIs(category: string): RawBuilder<unknown> {
  return sql`(${ROW_KEY}) = ${category}`;
}

export interface CaseSet {
  /** Condition on `c` (and `h`). */
  where: RawBuilder<unknown>;
  /** Condition on `cm` (a case_members row of `c`): the member counts as a person of this set. */
  memberCovered: RawBuilder<unknown>;
  /** The month a case of the set is counted in (for year-to-date grouping). */
  monthOf: RawBuilder<unknown>;
}

const covers = (m: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`cm.start_month <= ${m} AND (cm.stop_month IS NULL OR cm.stop_month > ${m})`;

/** 在保: approved, start_month <= M < coalesce(stop_month, ∞); monthly categories only (临时救助 is a grant). */
export function paidIn(month: string): CaseSet {
  return {
    where: sql`${PAID} AND c.category <> 'linshi' AND c.start_month <= ${month} AND (c.stop_month IS NULL OR c.stop_month > ${month})`,
    memberCovered: covers(sql`${month}`),
    monthOf: sql`${month}`,
  };
}

/** 新增: paid in its start month, start month within [from, to]. Persons = members covered in the start month. */
export function startedIn(from: string, to: string): CaseSet {
  return {
    where: sql`${PAID} AND c.category <> 'linshi' AND c.start_month BETWEEN ${from} AND ${to} AND (c.stop_month IS NULL OR c.stop_month > c.start_month)`,
    memberCovered: covers(sql.raw('c.start_month')),
    monthOf: sql.raw('c.start_month'),
  };
}

/**
 * 退出 in M: stop_month = M, i.e. the case was paid through M-1 and is not paid in M (stop_month is the first month
 * not paid). Persons = members covered in the last paid month (M-1): cm.start_month <= M-1 ⇔ cm.start_month < M.
 */
export function stoppedIn(from: string, to: string): CaseSet {
  return {
    where: sql`${PAID} AND c.category <> 'linshi' AND c.stop_month BETWEEN ${from} AND ${to} AND c.start_month < c.stop_month`,
    memberCovered: sql.raw(
      'cm.start_month < c.stop_month AND (cm.stop_month IS NULL OR cm.stop_month >= c.stop_month)',
    ),
    monthOf: sql.raw('c.stop_month'),
  };
}

/** The sets of a month's figures (reports/grain.ts): paid in M, started / stopped in January..M, 临时救助 granted. */
export type SetLabel = 'P' | 'N' | 'X' | 'G';

/** 临时救助 granted in [from, to] (人次 = cases). Persons = all members recorded on the grant. */
export function grantedIn(from: string, to: string): CaseSet {
  return {
    where: sql`${PAID} AND c.category = 'linshi' AND c.grant_month BETWEEN ${from} AND ${to}`,
    memberCovered: sql.raw('1 = 1'),
    monthOf: sql.raw('c.grant_month'),
  };
}

export function andWhere(set: CaseSet, extra: RawBuilder<unknown>): CaseSet {
  return { ...set, where: sql`${set.where} AND ${extra}` };
}

/** 致贫原因 of a household `h`; a missing or unknown cause counts as 其他. */
export const CAUSE = sql.raw(
  `CASE WHEN h.poverty_cause IN ('illness','disability','education','disaster','no_labour') THEN h.poverty_cause ELSE 'other' END`,
);

/**
 * THE person-count set: every person figure (persons, new/exit persons, 人次, the person categories) and its trace
 * come from this one function, so how persons are counted is changed here and nowhere else.
 * The persons of a set: its cases' covered members; a case with no member rows at all (an individual case entered
 * without them) counts its own person. One row per (case, person). Columns: case_id, case_no, person_id, household_id,
 * area, k (row code), village_id, month, ltype (临时救助 type), cause (the household's 致贫原因). `scan` reads the cases
 * by a scan of the table: for a set holding most live cases (paid in M) it beats the OR of index ranges by ~2×;
 * `from` names the cases `c` otherwise (case-log.ts casesOf).
 */
export function personsOf(
  set: CaseSet,
  options: { scan?: boolean; from?: RawBuilder<unknown> } = {},
): RawBuilder<unknown> {
  return sql`SELECT c.id AS case_id, c.case_no AS case_no, coalesce(cm.person_id, c.person_id) AS person_id,
      c.household_id AS household_id, c.area AS area, (${ROW_KEY}) AS k, h.village_id AS village_id,
      ${set.monthOf} AS month,
      CASE WHEN c.category = 'linshi' THEN coalesce(c.linshi_type, 'unknown') ELSE '' END AS ltype, ${CAUSE} AS cause
    FROM ${options.from ?? sql`cases c ${options.scan ? sql.raw('NOT INDEXED') : sql``}`} JOIN households h ON h.id = c.household_id
    LEFT JOIN case_members cm ON cm.case_id = c.id AND ${set.memberCovered}
    WHERE ${set.where} AND (cm.person_id IS NOT NULL
      OR (c.person_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_members x WHERE x.case_id = c.id)))`;
}

export interface Counts {
  cases: number;
  households: number;
  persons: number;
  grantFen: number;
}

/** Group expression over the columns k, area, village_id, month (available both on cases and on persons). */
export type Grouping = 'row' | 'row_month' | 'row_village' | 'village' | 'all';

function groupExpr(g: Grouping, prefix: string): RawBuilder<unknown> {
  switch (g) {
    case 'row':
      return sql.raw(`${prefix}k || '|' || ${prefix}area`);
    case 'row_month':
      return sql.raw(`${prefix}k || '|' || ${prefix}area || '|' || ${prefix}month`);
    case 'row_village':
      return sql.raw(`${prefix}k || '|' || ${prefix}area || '|' || ${prefix}village_id`);
    case 'village':
      return sql.raw(`${prefix}village_id`);
    case 'all':
      return sql.raw(`'*'`);
  }
}

/** Cases, distinct households, distinct persons and grant sums of a set, grouped. */
export async function countSet(
  db: Kysely<DB>,
  set: CaseSet,
  grouping: Grouping,
  options: { persons?: boolean } = {},
): Promise<Map<string, Counts>> {
  const caseRows = await sql<{ g: string; cases: number; households: number; grant_fen: number | null }>`
    SELECT ${groupExpr(grouping, 't.')} AS g, count(*) AS cases, count(DISTINCT t.household_id) AS households,
      sum(t.grant_fen) AS grant_fen
    FROM (SELECT c.household_id, c.area, (${ROW_KEY}) AS k, h.village_id, ${set.monthOf} AS month,
            coalesce(c.grant_amount_fen, 0) AS grant_fen
          FROM cases c JOIN households h ON h.id = c.household_id WHERE ${set.where}) t
    GROUP BY g`.execute(db);
  const out = new Map<string, Counts>();
  for (const r of caseRows.rows) {
    out.set(r.g, { cases: r.cases, households: r.households, persons: 0, grantFen: r.grant_fen ?? 0 });
  }
  if (options.persons === false) return out;
  const personRows = await sql<{ g: string; persons: number }>`
    SELECT ${groupExpr(grouping, 'p.')} AS g, count(DISTINCT p.person_id) AS persons
    FROM (${personsOf(set)}) p GROUP BY g`.execute(db);
  for (const r of personRows.rows) {
    const c = out.get(r.g) ?? { cases: 0, households: 0, persons: 0, grantFen: 0 };
    c.persons = r.persons;
    out.set(r.g, c);
  }
  return out;
}

export interface Money {
  amountFen: number;
  baseFen: number;
  supplementFen: number;
  lines: number;
}

/**
 * The amount a case is due for a month before the roll: its case_amounts row with the greatest effective_month <= M
 * (ties: the later entry, by created_at then id — the payment roll's rule), as the columns `what` of that row `a2`.
 * Answered from the index case_amounts_in_force, which also carries the three amounts (the wide row is not visited
 * for them); NULL when the case has no amount yet.
 */
function inForce(
  month: RawBuilder<unknown>,
  what: RawBuilder<unknown>,
  caseId: RawBuilder<unknown> = sql.raw('c.id'),
): RawBuilder<unknown> {
  return sql`SELECT ${what} FROM case_amounts a2 WHERE a2.case_id = ${caseId} AND a2.effective_month <= ${month}
    ORDER BY a2.effective_month DESC, a2.created_at DESC, a2.id DESC LIMIT 1`;
}

/** The amount in force's rowid: `JOIN case_amounts a ON a.rowid = (${latestAmountRowid(M)})`. */
export const latestAmountRowid = (month: RawBuilder<unknown>): RawBuilder<unknown> =>
  inForce(month, sql.raw('a2.rowid'));

/** The amount in force's amount_fen, from the index alone. */
export const amountFenInForce = (month: RawBuilder<unknown>): RawBuilder<unknown> =>
  inForce(month, sql.raw('a2.amount_fen'));

/** The amount in force as json_array(amount_fen, base_fen, supplement_fen), from the index alone (of case `c` or `caseId`). */
export const amountInForce = (month: RawBuilder<unknown>, caseId?: RawBuilder<unknown>): RawBuilder<unknown> =>
  inForce(month, sql.raw('json_array(a2.amount_fen, a2.base_fen, a2.supplement_fen)'), caseId);

/**
 * paidIn(M).where read through the partial index cases_paying (approved non-临时 cases by stop month): the same
 * cases, without visiting ten years of stopped ones. The index's own condition is repeated so SQLite can use it.
 */
const PAYING_FROM = sql.raw('cases c INDEXED BY cases_paying');
export function payingWhere(month: string): RawBuilder<unknown> {
  return sql`c.status IN ('active','stopped') AND c.category <> 'linshi' AND coalesce(c.stop_month, '9999-12') > ${month}
    AND c.start_month <= ${month} AND c.pending_batch_id IS NULL`;
}

function caseGroupExpr(g: Grouping, month: RawBuilder<unknown>): RawBuilder<unknown> {
  switch (g) {
    case 'row':
      return sql`(${ROW_KEY}) || '|' || c.area`;
    case 'row_month':
      return sql`(${ROW_KEY}) || '|' || c.area || '|' || ${month}`;
    case 'row_village':
      return sql`(${ROW_KEY}) || '|' || c.area || '|' || h.village_id`;
    case 'village':
      return sql.raw('h.village_id');
    case 'all':
      return sql.raw(`'*'`);
  }
}

/**
 * Draft amounts (from the cases) of the cases paid in `month`, grouped; `extra` narrows the cases. `lines` counts every
 * case paid, with or without an amount row (such a case adds 0).
 */
export async function draftAmounts(
  db: Kysely<DB>,
  month: string,
  grouping: Grouping,
  extra?: RawBuilder<unknown>,
): Promise<Map<string, Money>> {
  const rows = await sql<{ g: string; amount: number; base: number; supp: number; n: number }>`
    SELECT g, sum(am ->> 0) AS amount, sum(am ->> 1) AS base, sum(am ->> 2) AS supp, count(*) AS n
    FROM (SELECT ${caseGroupExpr(grouping, sql`${month}`)} AS g, (${amountInForce(sql`${month}`)}) AS am
      FROM ${PAYING_FROM} ${grouping === 'row_village' || grouping === 'village' ? sql`JOIN households h ON h.id = c.household_id` : sql``}
      WHERE ${payingWhere(month)} ${extra ? sql`AND ${extra}` : sql``})
    GROUP BY g`.execute(db);
  return moneyMap(rows.rows);
}

/** The row code of a roll line: its own category and area; 特困/孤儿 look up the case's 供养方式 (only for those). */
const ROLL_KEY = sql.raw(`CASE l.category
  WHEN 'tekun' THEN CASE WHEN (SELECT c.support_mode FROM cases c WHERE c.id = l.case_id) = 'centralized'
    THEN 'tekun_centralized' ELSE 'tekun_dispersed' END
  WHEN 'guer' THEN CASE WHEN (SELECT c.support_mode FROM cases c WHERE c.id = l.case_id) = 'centralized'
    THEN 'guer_centralized' ELSE 'guer_dispersed' END
  ELSE l.category END`);

function rollGroupExpr(g: Grouping): RawBuilder<unknown> {
  switch (g) {
    case 'row':
      return sql`(${ROLL_KEY}) || '|' || l.area`;
    case 'row_month':
      return sql`(${ROLL_KEY}) || '|' || l.area || '|' || r.month`;
    case 'row_village':
      return sql`(${ROLL_KEY}) || '|' || l.area || '|' || l.village_id`;
    case 'village':
      return sql.raw('l.village_id');
    case 'all':
      return sql.raw(`'*'`);
  }
}

/**
 * Amounts of payment roll(s), grouped by row code / village as the roll lines record them (category, area and
 * village are copied onto each line when the roll is generated, so no join is needed on a million-line ledger).
 * `extra` is a condition on the line `l`.
 */
export async function rollAmounts(
  db: Kysely<DB>,
  rollIds: string[],
  grouping: Grouping,
  extra?: RawBuilder<unknown>,
): Promise<Map<string, Money>> {
  if (rollIds.length === 0) return new Map();
  const rows = await sql<{ g: string; amount: number; base: number; supp: number; n: number }>`
    SELECT ${rollGroupExpr(grouping)} AS g, sum(l.amount_fen) AS amount, sum(l.base_fen) AS base,
      sum(l.supplement_fen) AS supp, count(*) AS n
    FROM payment_roll_lines l JOIN payment_rolls r ON r.id = l.roll_id
    WHERE l.roll_id IN (${sql.join(rollIds)}) ${extra ? sql`AND ${extra}` : sql``}
    GROUP BY g`.execute(db);
  return moneyMap(rows.rows);
}

function moneyMap(rows: { g: string; amount: number; base: number; supp: number; n: number }[]): Map<string, Money> {
  const out = new Map<string, Money>();
  for (const r of rows) {
    out.set(r.g, { amountFen: r.amount ?? 0, baseFen: r.base ?? 0, supplementFen: r.supp ?? 0, lines: r.n });
  }
  return out;
}

export const NO_MONEY: Money = { amountFen: 0, baseFen: 0, supplementFen: 0, lines: 0 };

export function addMoney(a: Money, b: Money): Money {
  return {
    amountFen: a.amountFen + b.amountFen,
    baseFen: a.baseFen + b.baseFen,
    supplementFen: a.supplementFen + b.supplementFen,
    lines: a.lines + b.lines,
  };
}
