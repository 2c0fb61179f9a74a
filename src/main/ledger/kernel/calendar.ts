// The working-day calendar of this ledger, as every capability's deadlines use it: the national table in
// src/shared/time.ts plus the holidays and 调休 working days an administrator entered (table `holidays`, kept by
// lifeevents/calendar.ts).
import type { Kysely } from 'kysely';
import { addWorkingDays, type CalendarOverrides } from '../../../shared/time';
import type { DB } from '../db';

export async function ledgerCalendar(db: Kysely<DB>): Promise<CalendarOverrides> {
  const rows = await db.selectFrom('holidays').select(['date', 'kind']).execute();
  return {
    holidays: rows.filter((r) => r.kind === 'holiday').map((r) => r.date),
    workdays: rows.filter((r) => r.kind === 'workday').map((r) => r.date),
  };
}

/** `n` working days after `date` under this ledger's calendar. */
export async function ledgerWorkingDays(db: Kysely<DB>, date: string, n: number): Promise<string> {
  return addWorkingDays(date, n, await ledgerCalendar(db));
}
