// The working-day calendar of this ledger: the national table in src/shared (years the software knows) plus the
// holidays, 调休 working days and local adjustments an administrator entered (table `holidays`). Deadlines computed
// by the ledger pass these as CalendarOverrides to the working-day functions (kernel/calendar.ts reads them).
import type { Kysely } from 'kysely';
import type { CalendarStatus, HolidayDay, HolidayYear } from '../../../shared/api/lifeevents';
import { LedgerError } from '../../../shared/errors';
import { CALENDAR_YEARS, today } from '../../../shared/time';
import type { DB } from '../db';
import { nowIso } from '../ids';
import { actorOf, type ServiceContext } from '../kernel';

/** The year as the settings tab shows it. */
export async function holidayYear(db: Kysely<DB>, year: number): Promise<HolidayYear> {
  const rows = await db.selectFrom('holidays').selectAll().where('year', '=', year).orderBy('date').execute();
  return {
    year,
    national: CALENDAR_YEARS.includes(year),
    days: rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, local: r.local === 1 })),
  };
}

/** Replaces a year's entered days (the journal keeps the previous list). */
export async function putHolidayYear(ctx: ServiceContext, year: number, days: HolidayDay[]): Promise<HolidayYear> {
  const seen = new Set<string>();
  for (const d of days) {
    if (Number(d.date.slice(0, 4)) !== year)
      throw new LedgerError('BAD_INPUT', `${d.date}（${d.name}）不在 ${year} 年`, {
        days: `只能录入 ${year} 年的日期`,
      });
    if (seen.has(d.date)) throw new LedgerError('BAD_INPUT', `${d.date} 录入了两次`, { days: '日期重复' });
    seen.add(d.date);
  }
  const before = await holidayYear(ctx.db, year);
  await ctx.db.deleteFrom('holidays').where('year', '=', year).execute();
  const at = nowIso(ctx.now());
  const by = actorOf(ctx).id;
  if (days.length > 0)
    await ctx.db
      .insertInto('holidays')
      .values(
        days.map((d) => ({
          date: d.date,
          year,
          kind: d.kind,
          name: d.name,
          local: d.local ? 1 : 0,
          created_by: by,
          created_at: at,
        })),
      )
      .execute();
  await ctx.journal({
    action: 'calendar.put_year',
    entity: 'holidays',
    entityId: String(year),
    before: { days: before.days },
    after: { days },
  });
  return holidayYear(ctx.db, year);
}

/** From 1 November the 工作台 warns while next year's holidays are neither national data nor entered. */
export async function calendarStatus(db: Kysely<DB>, now: Date): Promise<CalendarStatus> {
  const day = today(now);
  const year = Number(day.slice(0, 4));
  const missing = async (y: number) =>
    !CALENDAR_YEARS.includes(y) &&
    !(await db
      .selectFrom('holidays')
      .select('date')
      .where('year', '=', y)
      .where('kind', '=', 'holiday')
      .executeTakeFirst());
  if (await missing(year))
    return {
      warn: true,
      year,
      message: `${year} 年的法定节假日尚未录入：工作日期限只扣除周末，可能算错。请管理员在“设置 → 节假日”录入国务院办公厅的放假安排`,
    };
  if (day.slice(5) >= '11-01' && (await missing(year + 1)))
    return {
      warn: true,
      year: year + 1,
      message: `${year + 1} 年的法定节假日尚未录入。国务院办公厅发布放假安排后，请管理员在“设置 → 节假日”录入，否则明年的工作日期限只扣除周末`,
    };
  return { warn: false, year: year + 1, message: null };
}
