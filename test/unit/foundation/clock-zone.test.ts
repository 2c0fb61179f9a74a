// One clock: the core's month-dependent work gives the same answers on a PC whose clock is set to another zone.
// The instant is 2026-03-31 20:30 UTC — already 1 April (04:30) in China, still 31 March (13:30) in Los Angeles —
// so every place that read the machine's zone would name another day and another month.
import { basename } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { startScheduler } from '../../../src/main/scheduler';
import { listBackups } from '../../../src/main/ledger/backup/backup';
import { parseIdNumber } from '../../../src/shared/idcard';
import { ageOn, clockText, fileStamp, thisMonth, today } from '../../../src/shared/time';
import { makeTestCore } from '../../helpers/ledger';
import { idFor } from '../cases/fixtures';

const INSTANT = new Date('2026-03-31T20:30:00Z');
const zoneBefore = process.env.TZ;

afterEach(() => {
  vi.useRealTimers();
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

interface Observed {
  zoneCheck: number;
  today: string;
  month: string;
  clock: string;
  dashboardDue: string[];
  schedulerToday: string[];
  backupName: string;
  idAccepted: boolean;
  memberAge: number | null;
  stamp: string;
}

/** Runs the month-dependent work with the machine's zone set to `zone` (Node re-reads TZ when it is assigned). */
async function observe(zone: string): Promise<Observed> {
  process.env.TZ = zone;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(INSTANT);
  const t = await makeTestCore({ now: () => new Date(INSTANT) });
  try {
    const [village] = await t.clerk.call('villages.list', {});
    // Born on 1 April 1960: 66 on China's today; a machine still on 31 March would say 65.
    const page = await t.clerk.call('households.create', {
      villageId: village!.id,
      hukouType: 'rural',
      annualIncomeFen: 0,
      members: [{ name: '周正', idNumber: idFor('1960-04-01', 'M'), relation: '户主' }],
    });
    const dashboard = await t.clerk.call('reports.dashboard', { month: '2026-03' });
    const handed: string[] = [];
    const s = startScheduler(t.core, {
      now: () => new Date(INSTANT),
      monthly: async (_core, day) => {
        handed.push(day);
      },
      report: () => {},
    });
    await s.tick(); // also makes the day's automatic backup
    s.stop();
    const backup = listBackups(t.dbPath)[0];
    return {
      // Proves the zone really changed for this process: the machine-local hour differs by zone.
      zoneCheck: new Date(INSTANT).getHours(),
      today: today(),
      month: thisMonth(),
      clock: clockText(INSTANT),
      dashboardDue: dashboard.due.filter((d) => d.key.startsWith('roll')).map((d) => d.label),
      schedulerToday: handed,
      backupName: basename(backup?.path ?? '').replace(/^.*?-(\d{8}-\d{6})-.*$/, '$1'),
      // Someone born "today" in China is not "born in the future" on a PC in another zone.
      idAccepted: parseIdNumber(idFor('2026-04-01', 'F')).ok,
      memberAge: page.members[0]!.age ?? null,
      stamp: fileStamp(INSTANT),
    };
  } finally {
    await t.close();
  }
}

test('dashboard, the scheduler’s date, backup names and ages are the same in Los Angeles as in Shanghai', async () => {
  const shanghai = await observe('Asia/Shanghai');
  const losAngeles = await observe('America/Los_Angeles');
  expect(shanghai.zoneCheck).toBe(4);
  expect(losAngeles.zoneCheck).toBe(13);
  const expected = {
    today: '2026-04-01',
    month: '2026-04',
    clock: '2026-04-01 04:30',
    dashboardDue: ['2026-04 发放花名册待生成'],
    schedulerToday: ['2026-04-01'],
    backupName: '20260401-043000',
    idAccepted: true,
    memberAge: 66,
    stamp: '20260401-043000',
  };
  expect(shanghai).toEqual({ ...expected, zoneCheck: 4 });
  expect(losAngeles).toEqual({ ...expected, zoneCheck: 13 });
});

test('China time is UTC + 8 hours on both sides of midnight, and ages turn on the birthday', () => {
  expect(today(new Date('2026-03-19T16:30:00Z'))).toBe('2026-03-20');
  expect(today(new Date('2026-03-19T15:59:59Z'))).toBe('2026-03-19');
  expect(thisMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
  expect(ageOn('1960-04-01', '2026-03-31')).toBe(65);
  expect(ageOn('1960-04-01', '2026-04-01')).toBe(66);
  expect(ageOn('2004-02-29', '2025-02-28')).toBe(20);
  expect(ageOn('2004-02-29', '2025-03-01')).toBe(21);
});
