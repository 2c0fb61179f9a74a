// The payment roll's lines, kept in SQL: what the cases say a month's roll holds (LINES_SELECT), bringing a roll's
// stored lines to it, and the difference from the month before. A roll of 20,000 lines never crosses into JavaScript
// as objects: the lines are computed into a temporary table and merged with three statements, and only the lines that
// differ from last month come back (issue 17: the roll at the cost of one INSERT … SELECT, docs/DECISIONS.md).
import type Database from 'better-sqlite3';
import type { Category, RollDiff, RollDiffRow } from '../../../shared/api/cases';
import { addMonths } from '../../../shared/time';
import { execute, rowOf, rowsOf, type ServiceContext } from '../kernel';
import type { PaymentRollsTable } from './tables';

/** Cases paid to one person (the payee is the case's own person), not to the household's head. */
export const INDIVIDUAL_SQL = `(c.category IN ('tekun','canji_living','canji_care','guer','wurenfuyang') OR c.single_person = 1)`;

/**
 * The roll's lines for month @m, computed from the cases (the columns of payment_roll_lines after id, roll_id). The
 * cases in payment are read from the partial index cases_paying (only non-临时 cases that were approved, by stop
 * month), so ten years of stopped cases are not visited; the amount in force is found in the index
 * case_amounts_in_force and its row read by rowid. Unordered.
 */
export const LINES_SELECT = `
  SELECT c.id AS case_id, c.household_id, c.person_id, h.village_id, c.category, c.area,
    (SELECT count(*) FROM case_members m WHERE m.case_id = c.id AND m.start_month <= @m
       AND (m.stop_month IS NULL OR m.stop_month > @m)) AS persons,
    a.amount_fen, a.base_fen, a.supplement_fen,
    CASE WHEN ${INDIVIDUAL_SQL} THEN pp.name ELSE coalesce(hp.name, pp.name) END AS payee_name,
    CASE WHEN ${INDIVIDUAL_SQL} THEN coalesce(pp.bank_account, pp.card_account, h.bank_account, hp.bank_account, hp.card_account)
         ELSE coalesce(h.bank_account, hp.bank_account, hp.card_account) END AS bank_account
  FROM cases c INDEXED BY cases_paying
  JOIN households h ON h.id = c.household_id
  JOIN case_amounts a ON a.rowid = (SELECT a2.rowid FROM case_amounts a2 WHERE a2.case_id = c.id AND a2.effective_month <= @m
                                 ORDER BY a2.effective_month DESC, a2.created_at DESC, a2.id DESC LIMIT 1)
  LEFT JOIN people pp ON pp.id = c.person_id
  LEFT JOIN people hp ON hp.id = h.head_person_id
  WHERE c.status IN ('active','stopped') AND c.category <> 'linshi' AND coalesce(c.stop_month, '9999-12') > @m
    AND c.start_month <= @m AND a.amount_fen > 0 AND c.pending_batch_id IS NULL`;

/** The columns of payment_roll_lines after id, roll_id (LINES_SELECT's, in its order). */
const FIELDS = [
  'case_id',
  'household_id',
  'person_id',
  'village_id',
  'category',
  'area',
  'persons',
  'amount_fen',
  'base_fen',
  'supplement_fen',
  'payee_name',
  'bank_account',
] as const;
const COLUMNS = FIELDS.join(', ');

export async function loadRoll(ctx: ServiceContext, month: string): Promise<PaymentRollsTable | undefined> {
  return ctx.db.selectFrom('payment_rolls').selectAll().where('month', '=', month).executeTakeFirst();
}

export async function userName(ctx: ServiceContext, id: string | null): Promise<string | null> {
  if (!id) return null;
  const u = await ctx.db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  return u?.display_name ?? null;
}

/** What the roll for a month would hold now: line count and total (for the confirm-time staleness check and tests). */
export function computeRollTotals(
  ctx: Pick<ServiceContext, 'ledger'>,
  month: string,
): { lines: number; totalFen: number } {
  return totalsOf(ctx.ledger.raw, `(${LINES_SELECT})`, { m: month });
}

/** Line count and total of the lines in `from` (a table or a parenthesised SELECT). */
function totalsOf(raw: Database.Database, from: string, ...params: unknown[]): { lines: number; totalFen: number } {
  const r = rowOf<{ n: number; t: number }>(
    raw,
    `SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS t FROM ${from}`,
    ...params,
  )!;
  return { lines: r.n, totalFen: r.t };
}

/** Fills the connection's temporary table `name` with the lines the cases give for `month`. */
function computeInto(raw: Database.Database, name: string, month: string): void {
  raw.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${name} (${FIELDS.map((f) => (f === 'case_id' ? 'case_id TEXT PRIMARY KEY' : f)).join(', ')})`,
  );
  execute(raw, `DELETE FROM temp.${name}`);
  execute(raw, `INSERT INTO temp.${name} (${COLUMNS}) ${LINES_SELECT}`, { m: month });
}

/**
 * Brings the stored lines of draft roll `rollId` to what the cases say for `month`, writing only the lines that differ:
 * lines no longer due are removed, changed ones updated in place (a kept line keeps its id), new ones added with the id
 * `<roll>:<case>`. Draft lines are derived data, never typed by a clerk. Returns the roll's line count and total.
 */
export function writeRollLines(
  raw: Database.Database,
  rollId: string,
  month: string,
): { lines: number; totalFen: number } {
  computeInto(raw, 'roll_lines_new', month);
  const p = { r: rollId };
  execute(
    raw,
    `DELETE FROM payment_roll_lines WHERE roll_id = @r
       AND NOT EXISTS (SELECT 1 FROM temp.roll_lines_new n WHERE n.case_id = payment_roll_lines.case_id)`,
    p,
  );
  execute(
    raw,
    `UPDATE payment_roll_lines AS l SET ${FIELDS.filter((f) => f !== 'case_id')
      .map((f) => `${f} = n.${f}`)
      .join(', ')}
     FROM temp.roll_lines_new AS n WHERE l.roll_id = @r AND l.case_id = n.case_id
       AND (${FIELDS.map((f) => `l.${f} IS NOT n.${f}`).join(' OR ')})`,
    p,
  );
  execute(
    raw,
    `INSERT INTO payment_roll_lines (id, roll_id, ${COLUMNS})
     SELECT @r || ':' || n.case_id, @r, ${FIELDS.map((f) => `n.${f}`).join(', ')} FROM temp.roll_lines_new n
     WHERE NOT EXISTS (SELECT 1 FROM payment_roll_lines l WHERE l.roll_id = @r AND l.case_id = n.case_id)
     ORDER BY n.case_id`,
    p,
  );
  const totals = totalsOf(raw, 'temp.roll_lines_new');
  execute(raw, 'DELETE FROM temp.roll_lines_new');
  return totals;
}

interface DiffLine {
  case_id: string;
  village_id: string;
  category: Category;
  payee_name: string;
  previous_fen: number | null;
  current_fen: number | null;
}

/**
 * 新增 / 停发 / 金额变动 of a roll against the previous month's roll (or, if there is none, what it would have been),
 * in case id order. Only the differing lines are read.
 */
export async function rollDiff(ctx: ServiceContext, roll: PaymentRollsTable): Promise<RollDiff> {
  const raw = ctx.ledger.raw;
  const prevMonth = addMonths(roll.month, -1);
  const prevRoll = await loadRoll(ctx, prevMonth);
  let source: RollDiff['previousSource'];
  // `p` is last month's lines: the previous roll's, or computed from the cases into a temporary table.
  let prevLines: string;
  if (prevRoll) {
    source = prevRoll.status === 'confirmed' ? 'confirmed_roll' : 'draft_roll';
    prevLines = 'payment_roll_lines p INDEXED BY roll_lines_roll_case WHERE p.roll_id = @prev';
  } else {
    source = 'computed';
    computeInto(raw, 'roll_lines_prev', prevMonth);
    prevLines = 'temp.roll_lines_prev p WHERE 1';
  }
  const prevOf = prevLines.replace(' WHERE ', ' WHERE p.case_id = n.case_id AND ');
  const params = { cur: roll.id, prev: prevRoll?.id ?? null };
  const current = rowsOf<DiffLine>(
    raw,
    `SELECT n.case_id, n.village_id, n.category, n.payee_name, n.amount_fen AS current_fen,
       (SELECT p.amount_fen FROM ${prevOf}) AS previous_fen
     FROM payment_roll_lines n INDEXED BY roll_lines_roll_case WHERE n.roll_id = @cur
       AND (SELECT p.amount_fen FROM ${prevOf}) IS NOT n.amount_fen ORDER BY n.case_id`,
    params,
  );
  const removed = rowsOf<DiffLine>(
    raw,
    `SELECT p.case_id, p.village_id, p.category, p.payee_name, p.amount_fen AS previous_fen, NULL AS current_fen
     FROM ${prevLines} AND NOT EXISTS (SELECT 1 FROM payment_roll_lines n INDEXED BY roll_lines_roll_case
       WHERE n.roll_id = @cur AND n.case_id = p.case_id) ORDER BY p.case_id`,
    params,
  );
  if (!prevRoll) execute(raw, 'DELETE FROM temp.roll_lines_prev');
  const villages = new Map(
    (await ctx.db.selectFrom('villages').select(['id', 'name']).execute()).map((v) => [v.id, v.name] as const),
  );
  const row = (l: DiffLine): RollDiffRow => ({
    caseId: l.case_id,
    name: l.payee_name,
    villageName: villages.get(l.village_id) ?? '',
    category: l.category,
    previousFen: l.previous_fen,
    currentFen: l.current_fen,
  });
  return {
    previousSource: source,
    added: current.filter((l) => l.previous_fen === null).map(row),
    removed: removed.map(row),
    changed: current.filter((l) => l.previous_fen !== null).map(row),
  };
}
