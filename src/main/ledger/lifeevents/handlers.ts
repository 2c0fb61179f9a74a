// Handlers of the life-events slice (src/shared/api/lifeevents.ts).
import type { casesApi } from '../../../shared/api/cases';
import type { lifeEventsApi } from '../../../shared/api/lifeevents';
import { maskIdNumber } from '../../../shared/mask';
import { rule } from '../../../shared/errors';
import type { Handlers } from '../kernel';
import { saveSetting } from '../settings';
import { addMonthsToDate, getCaseSettings } from '../cases';
import { calendarStatus, holidayYear, putHolidayYear } from './calendar';
import { recordDeath } from './deaths';
import { changeMember, decideChange, listChanges } from './membership';
import { close, listOverpayments, recover } from './recovery';
import { getLifeSettings, LIFE_SETTINGS_KEY } from './settings';

async function oneChange(ctx: Parameters<typeof listChanges>[0], id: string) {
  const rows = await listChanges(ctx, {});
  const r = rows.find((x) => x.id === id);
  if (!r) throw rule('成员变动记录未找到');
  return r;
}

// people.recordDeath belongs to the cases slice; it is handled here, where the death record is (cases cannot import
// upward into life events).
export const lifeEventsHandlers: Handlers<typeof lifeEventsApi> &
  Pick<Handlers<typeof casesApi>, 'people.recordDeath'> = {
  'holidays.get': async (ctx, input) => holidayYear(ctx.db, input.year),
  'holidays.put': async (ctx, input) => putHolidayYear(ctx, input.year, input.days),
  'holidays.status': async (ctx) => calendarStatus(ctx.db, ctx.now()),
  'lifeSettings.get': async (ctx) => getLifeSettings(ctx.db),
  'lifeSettings.put': async (ctx, input) => {
    const { version: _v, ...stored } = await getLifeSettings(ctx.db);
    const next = {
      ...stored,
      ...(input.memberChangeFrom ? { memberChangeFrom: input.memberChangeFrom } : {}),
      ...(input.deathStopFrom ? { deathStopFrom: input.deathStopFrom } : {}),
      ...(input.funeralRelief ? { funeralRelief: input.funeralRelief } : {}),
      ...(input.compareDeadlineDays ? { compareDeadlineDays: input.compareDeadlineDays } : {}),
    };
    // Version 0 is the defaults, never saved: the kernel's saveSetting names that null.
    await saveSetting(ctx, LIFE_SETTINGS_KEY, input.version === 0 ? null : input.version, next, {
      action: 'settings.lifeevents',
      what: '生活事件设置',
      before: stored,
      after: next,
    });
    return getLifeSettings(ctx.db);
  },
  'members.change': async (ctx, input) => oneChange(ctx, await changeMember(ctx, input)),
  'members.changes': async (ctx, input) => listChanges(ctx, input),
  'members.decide': async (ctx, input) => (await decideChange(ctx, input), oneChange(ctx, input.id)),
  'deaths.record': async (ctx, input) => recordDeath(ctx, input),
  'deaths.list': async (ctx, input) => {
    let q = ctx.db
      .selectFrom('deaths as d')
      .innerJoin('people as p', 'p.id', 'd.person_id')
      .selectAll('d')
      .select(['p.name', 'p.id_number']);
    if (input.from) q = q.where('d.died_on', '>=', input.from);
    if (input.to) q = q.where('d.died_on', '<=', input.to);
    const rows = await q.orderBy('d.died_on', 'desc').limit(500).execute();
    return rows.map((d) => ({
      id: d.id,
      personId: d.person_id,
      name: d.name,
      idMasked: d.id_number ? maskIdNumber(d.id_number) : '',
      diedOn: d.died_on,
      source: d.source,
      sourceRef: d.source_ref,
      reportedOn: d.reported_on,
      recheckDueOn: d.recheck_due_on,
      funeralHandler: d.funeral_handler,
      funeralFeeFen: d.funeral_fee_fen,
      reliefFen: d.relief_fen,
      reliefNote: d.relief_note,
    }));
  },
  'overpayments.list': async (ctx, input) => listOverpayments(ctx, input),
  'overpayments.recover': async (ctx, input) => (
    await recover(ctx, input),
    (await listOverpayments(ctx, { ids: [input.id] }))[0]!
  ),
  'overpayments.close': async (ctx, input) => (
    await close(ctx, input),
    (await listOverpayments(ctx, { ids: [input.id] }))[0]!
  ),
  // The full death record (deaths.ts), source 家属报告; the re-check date counts from the death.
  'people.recordDeath': async (ctx, input) => {
    const r = await recordDeath(ctx, {
      personId: input.id,
      version: input.version,
      diedOn: input.diedOn,
      source: 'family',
    });
    const months = (await getCaseSettings(ctx.db)).deathRecheckMonths;
    return {
      affectedCaseIds: r.affectedCaseIds,
      recheckDueOn: r.recheckDueOn ?? addMonthsToDate(input.diedOn, months),
    };
  },
};
