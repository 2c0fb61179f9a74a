// 定稿 and 重新开启: a package made final locks its month (checked again against the ledger first); a reviewer
// reopens a final month with a reason, and the next package is the next revision. Versions move through the write
// kernel (src/main/ledger/kernel/write.ts).
import type { PeriodView, ReportCheck } from '../../../shared/api/reports';
import { LedgerError, notFound, rule, staleEdit } from '../../../shared/errors';
import { monthText } from '../../../shared/time';
import { nowIso } from '../ids';
import { saveVersion, updateVersioned } from '../kernel';
import type { ReportPeriodsTable } from '../periods';
import { computeMonthFigures } from './figures';
import { loadPeriod, periodView } from './history';
import type { ReportEnv } from './package';
import { summaryJson } from './summary';

/** The parts of the figures that must not have changed between building a package and marking it final. */
function stablePart(summary: Record<string, unknown>): string {
  return JSON.stringify([
    summary.rows,
    summary.linshi,
    summary.tekunCare,
    summary.dibao,
    summary.amountsSource,
    summary.ytd,
  ]);
}

/**
 * Saves the month's row (keyed by month, so through saveVersion): a new month's row at version 1, an existing one if
 * it is still at the version read (another reviewer's 定稿 or 重新开启 in between is refused).
 */
async function savePeriod(
  env: ReportEnv,
  month: string,
  period: ReportPeriodsTable | undefined,
  values: Partial<Omit<ReportPeriodsTable, 'month' | 'version'>>,
): Promise<ReportPeriodsTable> {
  if (!period) {
    const row = { ...(values as Omit<ReportPeriodsTable, 'month' | 'version'>), month, version: 1 };
    await env.db.insertInto('report_periods').values(row).execute();
    return row;
  }
  if (!(await saveVersion(env.db, 'report_periods', 'month', month, period.version, values)))
    throw staleEdit(`${monthText(month)}的报表状态`);
  const saved = await loadPeriod(env.db, month);
  if (!saved) throw notFound(`${monthText(month)}的报表状态`);
  return saved;
}

export async function finalizePackage(env: ReportEnv, packageId: string, version: number): Promise<PeriodView> {
  const pkg = await env.db.selectFrom('report_packages').selectAll().where('id', '=', packageId).executeTakeFirst();
  if (!pkg) throw notFound('该报表包');
  if (pkg.version !== version) throw staleEdit(`${monthText(pkg.month)}报表包`);
  if (pkg.status !== 'prepared') {
    throw rule(pkg.status === 'final' ? '该报表包已定稿' : '该报表包已被更新的报表包取代，请对最新的报表包定稿');
  }
  const period = await loadPeriod(env.db, pkg.month);
  if (period?.status === 'final') throw rule(`${monthText(pkg.month)}已定稿`);
  if (pkg.checks_ok !== 1) {
    const failed = (JSON.parse(pkg.checks) as ReportCheck[]).filter((c) => !c.ok);
    throw rule(`报表校验未通过，不能定稿：${failed.map((c) => `${c.name}（${c.message}）`).join('；')}`);
  }
  const fresh = await computeMonthFigures(env.db, pkg.month);
  const freshSummary = summaryJson(fresh, pkg.revision, pkg.built_at, []);
  if (
    !fresh.checks.every((c) => c.ok) ||
    stablePart(freshSummary) !== stablePart(JSON.parse(pkg.summary) as Record<string, unknown>)
  ) {
    throw new LedgerError('CONFLICT', '生成报表包之后台账有变动，报表包已过时。请重新生成报表包后再定稿');
  }
  const at = nowIso(env.now());
  // One journal entry (below) records the package and the month together.
  await updateVersioned(
    env,
    'report_packages',
    pkg.id,
    version,
    { status: 'final', finalized_at: at, finalized_by: env.actor.name },
    { action: 'report.finalize', what: `${monthText(pkg.month)}报表包`, current: pkg, entry: false, at },
  );
  const next = await savePeriod(env, pkg.month, period, {
    status: 'final',
    final_revision: pkg.revision,
    finalized_at: at,
    finalized_by: env.actor.name,
    reopened_at: period?.reopened_at ?? null,
    reopened_by: period?.reopened_by ?? null,
    reopen_reason: period?.reopen_reason ?? null,
    amended: 0,
    created_at: period?.created_at ?? at,
    updated_at: at,
  });
  await env.db
    .updateTable('report_reminders')
    .set({ done_at: at, done_by: env.actor.name })
    .where('month', '=', pkg.month)
    .where('done_at', 'is', null)
    .execute();
  await env.journal({
    action: 'report.finalize',
    entity: 'report_periods',
    entityId: pkg.month,
    before: { status: period?.status ?? 'open', finalRevision: period?.final_revision ?? 0 },
    after: { status: 'final', finalRevision: pkg.revision, packageId: pkg.id, zipSha256: pkg.zip_sha256 },
  });
  return periodView(pkg.month, next);
}

export async function reopenMonth(env: ReportEnv, month: string, reason: string): Promise<PeriodView> {
  const period = await loadPeriod(env.db, month);
  if (!period || period.status !== 'final') throw rule(`${monthText(month)}尚未定稿，无需重新开启`);
  const at = nowIso(env.now());
  const next = await savePeriod(env, month, period, {
    status: 'open',
    reopened_at: at,
    reopened_by: env.actor.name,
    reopen_reason: reason,
    updated_at: at,
  });
  await env.journal({
    action: 'report.reopen',
    entity: 'report_periods',
    entityId: month,
    before: { status: 'final', finalRevision: period.final_revision },
    after: { status: 'open', nextRevision: period.final_revision + 1 },
    reason,
  });
  return periodView(month, next);
}
