// Payment rolls (发放花名册) for every month of the generated ledger, built in SQL with INSERT … SELECT from the
// cases in payment that month (start_month <= M < stop_month, 临时救助 excluded), each at its case_amounts row in
// force (greatest effective_month <= M; ties: the later entry), persons = members covered in M (at least 1).
//
// Two shapes of the same rule: ROLL_LINES_SELECT for one month (correlated look-ups; the raw-SQL baseline the
// benchmark compares the app's roll generation with) and writeAllRolls for every month at once (amount and member
// counts turned into month ranges first, then one range join: ~10x fewer look-ups for a ten-year ledger).
// The unit tests check that both give the same lines.
//
// Line ids are UUIDv7 built in SQL: the roll's time (48 bits) followed by the case id's own version/random part.
// Unique because each case appears once per roll and each month's roll has its own time; reproducible because
// both parts are.
import type Database from 'better-sqlite3';
import { rowsOf, statementOf } from '../../main/ledger/kernel';

/** The id of a line: roll time `:msecs` as a UUIDv7 timestamp + the random part of case id `cid`. */
const lineId = (msecs: string, cid: string): string =>
  `printf('%08x-%04x', ${msecs} >> 16, ${msecs} & 65535) || substr(${cid}, 14)`;

/** Insert column order of payment_roll_lines. */
export const ROLL_LINE_COLUMNS = `id, roll_id, case_id, household_id, person_id, village_id, category, area, persons,
  amount_fen, base_fen, supplement_fen, payee_name, bank_account`;

/** The lines of one month's roll (:month, :roll_id, :msecs) as SELECT columns, in ROLL_LINE_COLUMNS order. */
export const ROLL_LINES_SELECT = `
  SELECT ${lineId(':msecs', 'c.id')}, :roll_id, c.id, c.household_id, c.person_id, h.village_id,
    c.category, c.area,
    max(1, (SELECT count(*) FROM case_members cm WHERE cm.case_id = c.id AND cm.start_month <= :month
            AND (cm.stop_month IS NULL OR cm.stop_month > :month))),
    a.amount_fen, a.base_fen, a.supplement_fen,
    coalesce(p.name, hp.name, ''), coalesce(p.bank_account, h.bank_account)
  FROM cases c
  JOIN households h ON h.id = c.household_id
  JOIN case_amounts a ON a.id = (SELECT a2.id FROM case_amounts a2 WHERE a2.case_id = c.id
      AND a2.effective_month <= :month ORDER BY a2.effective_month DESC, a2.created_at DESC, a2.id DESC LIMIT 1)
  LEFT JOIN people p ON p.id = c.person_id
  LEFT JOIN people hp ON hp.id = h.head_person_id
  WHERE c.status IN ('active','stopped') AND c.category <> 'linshi'
    AND c.start_month <= :month AND (c.stop_month IS NULL OR c.stop_month > :month)`;

export interface RollMonth {
  month: string;
  rollId: string;
  /** Generation time of the roll (ms since epoch). */
  msecs: number;
  status: 'draft' | 'confirmed';
}

export interface RollActors {
  generatedBy: string;
  confirmedBy: string;
}

/** Writes the rolls and all their lines; the caller holds the transaction. Returns lines per month. */
export function writeAllRolls(raw: Database.Database, months: RollMonth[], actors: RollActors): Map<string, number> {
  const insertRoll = statementOf(
    raw,
    `INSERT INTO payment_rolls (id, month, status, line_count, total_fen, generated_at,
      generated_by, confirmed_at, confirmed_by, version) VALUES (?, ?, ?, 0, 0, ?, ?, ?, ?, 1)`,
  );
  raw.exec('CREATE TEMP TABLE seed_months (month TEXT PRIMARY KEY, roll_id TEXT NOT NULL, msecs INTEGER NOT NULL)');
  const insertMonth = statementOf(raw, 'INSERT INTO seed_months VALUES (?, ?, ?)');
  for (const m of months) {
    const at = new Date(m.msecs).toISOString();
    const confirmedAt = m.status === 'confirmed' ? new Date(m.msecs + 2 * 86_400_000).toISOString() : null;
    insertRoll.run(
      m.rollId,
      m.month,
      m.status,
      at,
      actors.generatedBy,
      confirmedAt,
      confirmedAt ? actors.confirmedBy : null,
    );
    insertMonth.run(m.month, m.rollId, m.msecs);
  }
  // Each case_amounts row holds from its effective month to the next row's (a tie gives an empty range, so the
  // later entry wins, as in the one-month rule).
  raw.exec(`CREATE TEMP TABLE seed_amounts AS
    SELECT case_id, effective_month AS from_m,
      coalesce(lead(effective_month) OVER (PARTITION BY case_id ORDER BY effective_month, created_at, id), '9999-12') AS to_m,
      amount_fen, base_fen, supplement_fen
    FROM case_amounts`);
  // Members covered per case as month ranges: +1 at start, -1 at stop, summed.
  raw.exec(`CREATE TEMP TABLE seed_persons AS
    SELECT case_id, m AS from_m, coalesce(lead(m) OVER (PARTITION BY case_id ORDER BY m), '9999-12') AS to_m,
      sum(d) OVER (PARTITION BY case_id ORDER BY m ROWS UNBOUNDED PRECEDING) AS n
    FROM (SELECT case_id, m, sum(d) AS d FROM (
            SELECT case_id, start_month AS m, 1 AS d FROM case_members
            UNION ALL SELECT case_id, stop_month, -1 FROM case_members WHERE stop_month IS NOT NULL)
          GROUP BY case_id, m)`);
  raw.exec('CREATE INDEX temp.seed_persons_case ON seed_persons (case_id, from_m)');
  // CROSS JOIN fixes the loop order (segments, their case, the months of the segment by the primary key): the
  // planner otherwise scans every month for every case. Sorted by the line id so the primary key is appended to.
  raw.exec(`INSERT INTO payment_roll_lines (${ROLL_LINE_COLUMNS})
    SELECT ${lineId('mo.msecs', 'c.id')}, mo.roll_id, c.id, c.household_id, c.person_id, h.village_id,
      c.category, c.area,
      max(1, coalesce((SELECT ps.n FROM seed_persons ps WHERE ps.case_id = c.id AND ps.from_m <= mo.month
                       AND ps.to_m > mo.month), 0)),
      sa.amount_fen, sa.base_fen, sa.supplement_fen,
      coalesce(p.name, hp.name, ''), coalesce(p.bank_account, h.bank_account)
    FROM seed_amounts sa
    CROSS JOIN cases c ON c.id = sa.case_id
    CROSS JOIN seed_months mo ON mo.month >= max(sa.from_m, c.start_month)
      AND mo.month < min(sa.to_m, coalesce(c.stop_month, '9999-12'))
    JOIN households h ON h.id = c.household_id
    LEFT JOIN people p ON p.id = c.person_id
    LEFT JOIN people hp ON hp.id = h.head_person_id
    WHERE c.status IN ('active','stopped') AND c.category <> 'linshi'
    ORDER BY mo.month, substr(c.id, 14)`);
  raw.exec(`UPDATE payment_rolls SET
      line_count = (SELECT count(*) FROM payment_roll_lines l WHERE l.roll_id = payment_rolls.id),
      total_fen = (SELECT coalesce(sum(amount_fen), 0) FROM payment_roll_lines l WHERE l.roll_id = payment_rolls.id)
    WHERE id IN (SELECT roll_id FROM seed_months)`);
  const counts = new Map<string, number>();
  for (const r of rowsOf<{ month: string; line_count: number }>(
    raw,
    'SELECT r.month, r.line_count FROM payment_rolls r JOIN seed_months m ON m.roll_id = r.id',
  )) {
    counts.set(r.month, r.line_count);
  }
  raw.exec('DROP TABLE temp.seed_months; DROP TABLE temp.seed_amounts; DROP TABLE temp.seed_persons');
  return counts;
}
