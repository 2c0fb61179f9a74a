// The app's scheduler (src/main/scheduler.ts, plain Node): each tick makes the day's backup if it is missing
// and calls the monthly report task with the local date; failures are reported, never thrown.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { monthlyReportTask, startScheduler } from '../../../src/main/scheduler';
import { listBackups } from '../../../src/main/ledger/backup/backup';
import { makeTestCore, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

test('a tick makes the day’s backup once and hands the China date to the monthly task', async () => {
  let clock = new Date('2025-04-05T08:00:00+08:00');
  const calls: string[] = [];
  const reports: string[] = [];
  const s = startScheduler(t.core, {
    now: () => clock,
    everyMs: 3_600_000,
    monthly: async (_core, today) => {
      calls.push(today);
    },
    report: (m) => reports.push(m),
  });
  try {
    await s.tick();
    await s.tick();
    expect(listBackups(t.dbPath).filter((b) => b.kind === 'auto')).toHaveLength(1);
    clock = new Date('2025-04-06T08:00:00+08:00');
    await s.tick();
    expect(listBackups(t.dbPath).filter((b) => b.kind === 'auto')).toHaveLength(2);
    expect(calls).toEqual(['2025-04-05', '2025-04-05', '2025-04-06']);
    expect(reports).toEqual([]);
  } finally {
    s.stop();
  }
});

test('a failing monthly task is reported and the scheduler keeps going', async () => {
  const reports: string[] = [];
  const s = startScheduler(t.core, {
    monthly: async () => {
      throw new Error('模板缺失');
    },
    report: (m) => reports.push(m),
  });
  try {
    await s.tick();
    expect(reports).toContain('月度报表定时生成失败：模板缺失');
  } finally {
    s.stop();
  }
});

test('the real monthly report task is wired and runs from a tick without failing', async () => {
  expect(monthlyReportTask).not.toBeNull();
  const reports: string[] = [];
  // The 6th: past the default report day (the 5th), so last month's package is due.
  const s = startScheduler(t.core, {
    now: () => new Date('2025-04-06T08:00:00+08:00'),
    report: (m) => reports.push(m),
  });
  try {
    await s.tick();
    expect(reports).toEqual([]);
    // It did its work: March's package exists, made by the schedule.
    const pkgs = t.core.ledger.raw.prepare('SELECT count(*) FROM report_packages').pluck().get() as number;
    expect(pkgs).toBeGreaterThan(0);
    // Through the dispatcher as the named system actor: the package says 定时生成, the journal names the system
    // (no user id) for the build and the reminder, in one transaction.
    const pkg = await t.reviewer.call('reports.packages', { month: '2025-03' });
    expect(pkg.map((p) => [p.trigger, p.builtBy])).toEqual([['schedule', '系统（定时生成）']]);
    const entries = t.core.ledger.raw
      .prepare("SELECT action, actor_id, actor_name FROM journal WHERE action IN ('report.build', 'report.remind')")
      .all();
    expect(entries).toEqual([
      { action: 'report.build', actor_id: null, actor_name: '系统（定时生成）' },
      { action: 'report.remind', actor_id: null, actor_name: '系统（定时生成）' },
    ]);
    // A second tick the same day finds the package prepared and builds nothing.
    await s.tick();
    expect(t.core.ledger.raw.prepare('SELECT count(*) FROM report_packages').pluck().get()).toBe(pkgs);
  } finally {
    s.stop();
  }
});
