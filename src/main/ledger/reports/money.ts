// The month's money for the figures: the confirmed roll's sums (cached per roll in report_roll_sums) or the cases'
// draft amounts, for the month and for the year to date, keyed by row code|area|village.
import type { Kysely } from 'kysely';
import type { DB } from '../db';
import { addMoney, draftAmounts, NO_MONEY, rollAmounts, type Money } from './sets';

export interface RollRow {
  id: string;
  month: string;
  status: 'draft' | 'confirmed';
  total_fen: number;
  line_count: number;
}

export async function rollOf(db: Kysely<DB>, month: string): Promise<RollRow | undefined> {
  return db
    .selectFrom('payment_rolls')
    .select(['id', 'month', 'status', 'total_fen', 'line_count'])
    .where('month', '=', month)
    .executeTakeFirst();
}

/** The months January..month of month's year. */
export function monthsOfYearTo(month: string): string[] {
  const y = month.slice(0, 4);
  const n = Number(month.slice(5, 7));
  return Array.from({ length: n }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
}

export interface MoneyByKey {
  /** key = code|area|village_id */
  byRowVillage: Map<string, Money>;
}

/** Money by code|area|village plus its roll-up by code|area (the keys a figure reads, looked up, not searched). */
export interface MoneyIndex {
  get(key: string): Money;
}

export function moneyIndex(m: Map<string, Money>): MoneyIndex {
  const all = new Map(m);
  for (const [k, v] of m) {
    const row = k.split('|', 2).join('|');
    all.set(row, addMoney(all.get(row) ?? NO_MONEY, v));
  }
  return { get: (key) => all.get(key) ?? NO_MONEY };
}

export interface RollRowFull extends RollRow {
  version: number;
  confirmed_at: string | null;
}

/**
 * A confirmed roll's sums by row code|area|village, from the cache (report_roll_sums) when the roll's stamp matches,
 * otherwise added up from its lines and cached. A read-only ledger simply skips the caching.
 */
export async function confirmedRollSums(db: Kysely<DB>, roll: RollRowFull): Promise<Map<string, Money>> {
  const stamp = `${roll.version}|${roll.confirmed_at ?? ''}|${roll.total_fen}|${roll.line_count}`;
  let cached: { g: string; amount_fen: number; base_fen: number; supplement_fen: number; lines: number }[] = [];
  try {
    cached = await db
      .selectFrom('report_roll_sums')
      .select(['g', 'amount_fen', 'base_fen', 'supplement_fen', 'lines'])
      .where('roll_id', '=', roll.id)
      .where('stamp', '=', stamp)
      .execute();
  } catch {
    // A ledger created before the cache table existed: add up the lines.
  }
  if (cached.length > 0) {
    return new Map(
      cached
        .filter((c) => c.g !== '')
        .map((c) => [
          c.g,
          { amountFen: c.amount_fen, baseFen: c.base_fen, supplementFen: c.supplement_fen, lines: c.lines },
        ]),
    );
  }
  const sums = await rollAmounts(db, [roll.id], 'row_village');
  try {
    await db.deleteFrom('report_roll_sums').where('roll_id', '=', roll.id).execute();
    // An empty roll is cached as one row with g = '' so it is not re-added each time.
    const rows = [...sums].map(([g, m]) => ({
      roll_id: roll.id,
      stamp,
      g,
      amount_fen: m.amountFen,
      base_fen: m.baseFen,
      supplement_fen: m.supplementFen,
      lines: m.lines,
    }));
    if (rows.length === 0)
      rows.push({ roll_id: roll.id, stamp, g: '', amount_fen: 0, base_fen: 0, supplement_fen: 0, lines: 0 });
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('report_roll_sums')
        .values(rows.slice(i, i + 200))
        .execute();
  } catch {
    // Read-only ledger: figures are still right, only slower next time.
  }
  return sums;
}

export async function confirmedRolls(db: Kysely<DB>, months: string[]): Promise<RollRowFull[]> {
  return db
    .selectFrom('payment_rolls')
    .select(['id', 'month', 'status', 'total_fen', 'line_count', 'version', 'confirmed_at'])
    .where('status', '=', 'confirmed')
    .where('month', 'in', months)
    .execute();
}

export async function monthMoney(db: Kysely<DB>, month: string): Promise<MoneyByKey> {
  const [roll] = await confirmedRolls(db, [month]);
  const byRowVillage = roll ? await confirmedRollSums(db, roll) : await draftAmounts(db, month, 'row_village');
  return { byRowVillage };
}

/** Year-to-date money: confirmed rolls where they exist, the cases' amounts (draft) for the other months. */
export async function ytdMoney(db: Kysely<DB>, month: string): Promise<Map<string, Money>> {
  const months = monthsOfYearTo(month);
  const rolls = await confirmedRolls(db, months);
  const rolled = new Set(rolls.map((r) => r.month));
  const out = new Map<string, Money>();
  const add = (m: Map<string, Money>) => {
    for (const [k, v] of m) out.set(k, addMoney(out.get(k) ?? NO_MONEY, v));
  };
  for (const r of rolls) add(await confirmedRollSums(db, r));
  for (const m of months) if (!rolled.has(m)) add(await draftAmounts(db, m, 'row_village'));
  return out;
}
