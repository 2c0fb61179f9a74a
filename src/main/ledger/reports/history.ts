// The history of a month's packages and the month's state (open / final), as the pages and the CLI read them.
import type { Kysely } from 'kysely';
import type { PackageView, PeriodView, ReportCheck } from '../../../shared/api/reports';
import type { DB } from '../db';
import type { ReportPackagesTable, ReportPeriodsTable } from '../periods';

export function periodView(month: string, p: ReportPeriodsTable | undefined): PeriodView {
  return {
    month,
    status: p?.status ?? 'open',
    finalRevision: p?.final_revision ?? 0,
    amended: (p?.amended ?? 0) === 1,
    finalizedAt: p?.finalized_at ?? null,
    finalizedBy: p?.finalized_by ?? null,
    reopenedAt: p?.reopened_at ?? null,
    reopenReason: p?.reopen_reason ?? null,
  };
}

export async function loadPeriod(db: Kysely<DB>, month: string): Promise<ReportPeriodsTable | undefined> {
  return db.selectFrom('report_periods').selectAll().where('month', '=', month).executeTakeFirst();
}

export async function packageView(db: Kysely<DB>, p: ReportPackagesTable): Promise<PackageView> {
  const deliveries = await db
    .selectFrom('report_deliveries')
    .selectAll()
    .where('package_id', '=', p.id)
    .orderBy('at', 'desc')
    .execute();
  // The package's number among the month's builds (1, 2, 3 … — issue 20: every rebuild was "第 1 版").
  const earlier = await db
    .selectFrom('report_packages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('month', '=', p.month)
    .where((eb) =>
      eb.or([eb('built_at', '<', p.built_at), eb.and([eb('built_at', '=', p.built_at), eb('id', '<', p.id)])]),
    )
    .executeTakeFirstOrThrow();
  return {
    id: p.id,
    month: p.month,
    buildNo: Number(earlier.n) + 1,
    revision: p.revision,
    status: p.status,
    trigger: p.trigger,
    builtAt: p.built_at,
    builtBy: p.built_by,
    checksOk: p.checks_ok === 1,
    checks: JSON.parse(p.checks) as ReportCheck[],
    amountsDraft: p.amounts_draft === 1,
    xlsxFile: p.xlsx_file,
    zipFile: p.zip_file,
    zipSha256: p.zip_sha256,
    finalizedAt: p.finalized_at,
    finalizedBy: p.finalized_by,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      method: d.method,
      target: d.target,
      status: d.status,
      attempts: d.attempts,
      httpStatus: d.http_status,
      receipt: d.receipt,
      at: d.at,
      byName: d.by_name,
    })),
    version: p.version,
  };
}

export async function listPackages(db: Kysely<DB>, month?: string): Promise<PackageView[]> {
  let q = db.selectFrom('report_packages').selectAll().orderBy('month', 'desc').orderBy('built_at', 'desc').limit(200);
  if (month) q = q.where('month', '=', month);
  const rows = await q.execute();
  return Promise.all(rows.map((r) => packageView(db, r)));
}
