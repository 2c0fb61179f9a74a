// Small helpers the stations services share: today's date, the elderly settings, journal diffs, village names.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ElderlySettings } from '../../../shared/api/stations';
import { LedgerError, notFound } from '../../../shared/errors';
import type { DB } from '../db';
import { getSettingRow } from '../settings';
import { DEFAULT_RATING_VALIDITY_YEARS, DEFAULT_VISIT_PLAN, type VisitPlan } from './rules';

export const SETTINGS_KEY = 'elderly.settings';

export { todayOf } from '../kernel';

export async function loadSettings(db: Kysely<DB>): Promise<ElderlySettings & { visitPlan: VisitPlan }> {
  const row = await getSettingRow(db, SETTINGS_KEY);
  const stored = (row?.value ?? {}) as Partial<ElderlySettings>;
  return {
    visitPlan: { ...DEFAULT_VISIT_PLAN, ...(stored.visitPlan ?? {}) },
    ratingValidityYears: stored.ratingValidityYears ?? DEFAULT_RATING_VALIDITY_YEARS,
    version: row?.version ?? null,
  };
}

/** The fields whose values differ, as { before, after } for the journal (only what changed). */
export function diff<T extends object>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T>; changed: boolean } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    const x = before[key];
    const y = after[key];
    if (JSON.stringify(x) !== JSON.stringify(y)) {
      b[key] = x;
      a[key] = y;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

/** A date that must not be after today (records what happened, not plans). */
export function notFuture(value: string, today: string, field: string, what: string): void {
  if (value > today) throw new LedgerError('BAD_INPUT', `${what}不能晚于今天（${today}）`, { [field]: `不能晚于今天` });
}

/** An active village (村/社区) by id, or a field error on `field`. */
export async function requireVillage(
  db: Kysely<DB>,
  villageId: string,
  field = 'villageId',
): Promise<{ id: string; name: string }> {
  const v = await db
    .selectFrom('villages')
    .select(['id', 'name', 'active'])
    .where('id', '=', villageId)
    .executeTakeFirst();
  if (!v) throw new LedgerError('BAD_INPUT', '所选村(社区)不存在', { [field]: '所选村(社区)不存在' });
  if (v.active !== 1) {
    throw new LedgerError('RULE', `村(社区)“${v.name}”已撤并，请选择并入后的村(社区)`, { [field]: '该村(社区)已撤并' });
  }
  return { id: v.id, name: v.name };
}

/** Village id -> name, for views (includes merged villages so history stays readable). */
export async function villageNames(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('villages').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function mustFind<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw notFound(what);
  return row;
}

/** `column LIKE '%term%'` with %, _ and backslash in the term matched literally. */
export function contains(column: string, term: string): RawBuilder<boolean> {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
