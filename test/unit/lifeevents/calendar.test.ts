// The working-day calendar beyond the national table: from 1 November the 工作台 warns that next year's holidays are
// missing; an administrator enters them (and local adjustments); a 2027 deadline then counts them.
import { afterEach, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../../src/shared/time';
import { household, member, setup, type Ctx } from '../cases/fixtures';

let c: Ctx | undefined;
afterEach(async () => {
  await c?.t.close();
  c = undefined;
});

// An administrator's entry of a 春节 break and a local make-up working day (a Saturday).
const DAYS_2027 = [
  { date: '2027-02-03', kind: 'holiday' as const, name: '春节', local: false },
  { date: '2027-02-04', kind: 'holiday' as const, name: '春节', local: false },
  { date: '2027-02-05', kind: 'holiday' as const, name: '春节', local: false },
  { date: '2027-02-08', kind: 'holiday' as const, name: '春节', local: false },
  { date: '2027-02-09', kind: 'holiday' as const, name: '春节', local: false },
  { date: '2027-02-20', kind: 'workday' as const, name: '调休上班（本街道）', local: true },
];

describe('holidays entered in the ledger', () => {
  it('warns from 1 November, is entered by an administrator, and moves a 2027 deadline', async () => {
    c = await setup('2026-10-31');
    const { t, clock } = c;
    expect(await t.clerk.call('holidays.status', {})).toMatchObject({ warn: false });
    clock.set('2026-11-01');
    const warn = await t.clerk.call('holidays.status', {});
    expect(warn).toMatchObject({ warn: true, year: 2027 });
    expect(warn.message).toContain('2027 年的法定节假日尚未录入');
    clock.set('2027-01-05');
    expect((await t.clerk.call('holidays.status', {})).message).toContain('工作日期限只扣除周末');

    const byClerk = await t.clerk.try('holidays.put', { year: 2027, days: DAYS_2027 });
    expect(!byClerk.ok && byClerk.error.code).toBe('FORBIDDEN');
    const wrongYear = await t.admin.try('holidays.put', {
      year: 2027,
      days: [{ date: '2026-12-31', kind: 'holiday', name: '元旦', local: false }],
    });
    expect(!wrongYear.ok && wrongYear.error.message).toBe('2026-12-31（元旦）不在 2027 年');
    const saved = await t.admin.call('holidays.put', { year: 2027, days: DAYS_2027 });
    expect(saved).toMatchObject({ year: 2027, national: false });
    expect(saved.days).toHaveLength(6);
    expect(await t.clerk.call('holidays.status', {})).toMatchObject({ warn: false });

    // An application accepted on Monday 1 February 2027: 3 working days to investigate. Weekends only would give
    // Thursday 4 February; with the 春节 days entered it is Thursday 11 February.
    clock.set('2027-02-01');
    const page = await household(c, [member('王春生', '1970-01-01', 'M', '户主')], 0);
    const k = await t.clerk.call('cases.create', {
      householdId: page.household.id,
      category: 'dibao',
      appliedOn: '2027-02-01',
    });
    expect(addWorkingDays('2027-02-01', 3)).toBe('2027-02-04');
    expect(k.dueOn).toBe('2027-02-11');
    const entered = {
      holidays: DAYS_2027.filter((d) => d.kind === 'holiday').map((d) => d.date),
      workdays: ['2027-02-20'],
    };
    expect(k.overallDueOn).toBe(addWorkingDays('2027-02-01', 30, entered));
    expect(k.overallDueOn).not.toBe(addWorkingDays('2027-02-01', 30));
  });
});
