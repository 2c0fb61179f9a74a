// 月报包: builds the month's package (workbook + archive) as the next revision and records it. Used by the handlers,
// the scheduler and the CLI alike through a small environment (db, data folder, actor, clock, journal). The history
// of packages is history.ts, 定稿 / 重新开启 finalize.ts, summary.json summary.ts.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { MonthFigures, PackageView, SummaryRow } from '../../../shared/api/reports';
import { LedgerError, rule } from '../../../shared/errors';
import { fullIdNotice, idForExport } from '../../../shared/mask';
import { isMonth, monthText, today } from '../../../shared/time';
import { APP_VERSION } from '../auth';
import { SCHEMA_VERSION } from '../db/migrations';
import type { DB } from '../db';
import { newId, nowIso } from '../ids';
import { journalHeadOf, type JournalEntryInput } from '../journal';
import type { ReportPackagesTable, ReportPeriodsTable } from '../periods';
import { monthChanges } from './changes';
import { PackageArchive } from './archive';
import { detailSources, writeCsv } from './details';
import { figuresWithPrevious, rollOf } from './figures';
import { loadPeriod, packageView } from './history';
import { reportSettings } from './settings';
import { diffSummaries, summaryJson, summaryRows, type Difference } from './summary';
import { buildWorkbook, type SignOff } from './workbook';

export interface ReportEnv {
  db: Kysely<DB>;
  /** The same connection as `db` (in its transaction), to step through the detail rows one at a time. */
  raw: Database.Database;
  /** Folder beside the ledger; packages go to <dataDir>/reports/<month>/. */
  dataDir: string;
  actor: { id: string | null; name: string };
  now: () => Date;
  journal: (...entries: JournalEntryInput[]) => Promise<void>;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Writes to a temporary name in the same folder, then renames: a failure never leaves a partial file. */
function writeAtomic(path: string, data: Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, data, { flush: true });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * The sign-off of the month's forms: 填表人 = the user building the package (for a scheduled or command-line build,
 * the user who generated the month's payment roll); 审核人 = the reviewer who confirmed the month's roll; the
 * 单位负责人 and the other signers come from 报表设置; the date is today in China.
 */
async function signOffOf(env: AssembleEnv, month: string, now: Date): Promise<SignOff> {
  const roll = await env.db
    .selectFrom('payment_rolls')
    .select(['generated_by', 'confirmed_by', 'status'])
    .where('month', '=', month)
    .executeTakeFirst();
  const nameOf = async (id: string | null | undefined): Promise<string> => {
    if (!id) return '';
    const u = await env.db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
    return u?.display_name ?? '';
  };
  return {
    preparer: env.actor.id ? env.actor.name : await nameOf(roll?.generated_by),
    reviewer: roll?.status === 'confirmed' ? await nameOf(roll.confirmed_by) : '',
    date: today(now),
    signers: (await reportSettings(env.db)).signers,
  };
}

export interface BuiltPackage {
  view: PackageView;
  summary: Record<string, unknown>;
  figures: MonthFigures;
  xlsxPath: string;
  zipPath: string;
}

/** What assembling a package reads with: it writes nothing (it may run on another connection, off the thread). */
export type AssembleEnv = Pick<ReportEnv, 'db' | 'raw' | 'actor' | 'now'>;

/** A package made in memory from one reading of the ledger, not yet written anywhere (recordPackage does that). */
export interface AssembledPackage {
  month: string;
  revision: number;
  trigger: 'manual' | 'schedule' | 'cli';
  builtAt: string;
  figures: MonthFigures;
  summary: Record<string, unknown>;
  relDir: string;
  xlsxName: string;
  zipName: string;
  xlsx: Uint8Array;
  zip: Uint8Array;
  fullIds: boolean;
  fullIdPurpose: string | null;
}

/** The steps of assembling a package, for a progress display: (what is being done, steps done, steps in all). */
export type PackageProgress = (step: string, done: number, total: number) => void;
const ASSEMBLE_STEPS = 5;

/** Builds and records the month's package on this thread (the command line, the scheduler). */
export async function buildPackage(
  env: ReportEnv,
  month: string,
  trigger: 'manual' | 'schedule' | 'cli',
  /** A rebuild of a month whose latest package was delivered needs the clerk's confirmation (the dialog's). */
  confirmRebuild = trigger !== 'manual',
): Promise<BuiltPackage> {
  return recordPackage(env, await assemblePackage(env, month, trigger, confirmRebuild));
}

/** The month's package in memory (figures, workbook, archive); reads only. */
export async function assemblePackage(
  env: AssembleEnv,
  month: string,
  trigger: 'manual' | 'schedule' | 'cli',
  confirmRebuild = trigger !== 'manual',
  progress: PackageProgress = () => {},
): Promise<AssembledPackage> {
  const period = await checkBuildable(env, month, confirmRebuild);
  const now = env.now();
  const revision = (period?.final_revision ?? 0) + 1;
  const builtAt = nowIso(now);
  progress('统计本月数字', 0, ASSEMBLE_STEPS);
  const { figures, previous } = await figuresWithPrevious(env.db, month);
  if (!figures.township.code) throw rule('尚未设置本街道/乡镇，不能生成报表');
  // Revision 2+: the differences from the last final revision, and the corrections journalled since then.
  let differences: Difference[] = [];
  let correctionsSince: string | null = null;
  if (revision > 1) {
    const prev = await env.db
      .selectFrom('report_packages')
      .select(['summary', 'finalized_at'])
      .where('month', '=', month)
      .where('status', '=', 'final')
      .where('revision', '=', revision - 1)
      .executeTakeFirst();
    if (prev) {
      differences = diffSummaries((JSON.parse(prev.summary) as { rows: SummaryRow[] }).rows, summaryRows(figures));
      correctionsSince = prev.finalized_at;
    }
  }
  progress('汇总本月变动', 1, ASSEMBLE_STEPS);
  const changes = await monthChanges(env.db, month, correctionsSince);
  const settings = await reportSettings(env.db);
  const fullIds = settings.fullIdNumbers;
  // Full numbers only for the municipal format, with its purpose on the package's face (src/shared/mask.ts).
  const fullIdPurpose = fullIds ? settings.fullIdPurpose?.trim() || '按市级格式上报' : null;
  const notice = fullIdPurpose ? fullIdNotice(fullIdPurpose) : null;
  const idOut = (s: string | null): string => idForExport(s, fullIds);

  const summary = summaryJson(figures, revision, builtAt, differences);
  progress('生成报表工作簿', 2, ASSEMBLE_STEPS);
  const xlsx = await buildWorkbook({
    figures,
    previous,
    amountUnit: settings.amountUnit,
    formNumber: settings.formNumber,
    signOff: await signOffOf(env, month, now),
    revision,
    changes,
    differences: differences.map((d) => d.text),
    maskId: (s) => idOut(s),
    fullIdNotice: notice,
    builtAt,
    builtBy: env.actor.name,
  });
  progress('生成明细表并打包', 3, ASSEMBLE_STEPS);
  const roll = await rollOf(env.db, month);
  const sources = await detailSources(
    env,
    figures,
    changes,
    roll?.status === 'confirmed' ? roll.id : null,
    idOut,
    fullIds,
  );
  const base = `${figures.township.code}_${month}_r${revision}_${builtAt.replace(/[-:T]/g, '').slice(0, 14)}`;
  const xlsxName = `${base}.xlsx`;
  // The archive is written as a stream (archive.ts): each CSV goes in as its rows are read.
  const archive = new PackageArchive(new Date(builtAt));
  await archive.addBytes('summary.json', Buffer.from(`${JSON.stringify(summary, null, 2)}\n`, 'utf8'));
  await archive.addBytes(xlsxName, xlsx);
  if (notice) await archive.addBytes('含完整身份证号码-使用说明.txt', Buffer.from(`\uFEFF${notice}\r\n`, 'utf8'));
  const rowCounts: Record<string, number> = {};
  for (const src of sources) {
    await archive.add(src.file, async (push) => {
      rowCounts[src.file] = await writeCsv(src, push);
    });
  }
  const manifest = {
    format: 'civil-ledger/report-package',
    formatVersion: 1,
    township: figures.township.code,
    townshipName: figures.township.name,
    month,
    revision,
    generatedAt: builtAt,
    generatedBy: env.actor.name,
    app: { name: 'civil-ledger', version: APP_VERSION },
    schemaVersion: SCHEMA_VERSION,
    // The journal's head when the package was built: an anchor outside the ledger that `check` compares with.
    journalHead: await journalHeadOf(env.db),
    amountsSource: figures.amountsSource,
    checksOk: figures.checks.every((c) => c.ok),
    idNumbers: fullIds ? 'full' : 'masked',
    ...(notice ? { idNumbersNotice: notice } : {}),
    rowCounts,
    files: [...archive.files],
  };
  progress('打包', 4, ASSEMBLE_STEPS);
  await archive.addBytes('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  const zip = await archive.finish();

  progress('打包', ASSEMBLE_STEPS, ASSEMBLE_STEPS);
  return {
    month,
    revision,
    trigger,
    builtAt,
    figures,
    summary,
    relDir: join('reports', month),
    xlsxName,
    zipName: `${base}.zip`,
    xlsx,
    zip,
    fullIds,
    fullIdPurpose,
  };
}

/** Refuses a month that has not begun, is final, or (unless confirmed) was already delivered. */
async function checkBuildable(
  env: AssembleEnv,
  month: string,
  confirmRebuild: boolean,
): Promise<ReportPeriodsTable | undefined> {
  if (!isMonth(month))
    throw new LedgerError('BAD_INPUT', `月份格式不正确：${month}（应为 YYYY-MM）`, { month: '月份应为 YYYY-MM' });
  const now = env.now();
  const current = today(now).slice(0, 7); // the ledger's month (China time), as the month picker offers it
  if (month > current) throw rule(`${monthText(month)}尚未开始，不能生成报表`);
  const period = await loadPeriod(env.db, month);
  if (period?.status === 'final') {
    throw new LedgerError(
      'CONFLICT',
      `${monthText(month)}的报表已定稿（第 ${period.final_revision} 版）。如需更正，请审核人先填写原因重新开启该月`,
    );
  }
  if (!confirmRebuild) {
    const delivered = await env.db
      .selectFrom('report_packages as p')
      .innerJoin('report_deliveries as d', 'd.package_id', 'p.id')
      .select(['p.id', 'd.at', 'd.target'])
      .where('p.month', '=', month)
      .where('d.status', '=', 'ok')
      .orderBy('d.at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (delivered) {
      const n = Number(
        (
          await env.db
            .selectFrom('report_packages')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('month', '=', month)
            .executeTakeFirstOrThrow()
        ).n,
      );
      throw rule(
        `${monthText(month)}的报表包已于 ${delivered.at.slice(0, 16).replace('T', ' ')} 报送（${delivered.target}）。重新生成将是第 ${n + 1} 版，须重新报送；请确认后再生成`,
        { confirmRebuild: '请确认重新生成已报送的报表包' },
      );
    }
  }
  return period;
}

/**
 * Writes an assembled package: the workbook and archive beside the ledger (each complete or not at all), the package
 * row and its journal entry, in the caller's transaction. The month is checked again first: it may have been made
 * final or reopened while the package was assembled.
 */
export async function recordPackage(env: ReportEnv, a: AssembledPackage): Promise<BuiltPackage> {
  const { month, revision, trigger, builtAt, figures, summary, xlsxName, xlsx, zip, fullIds, fullIdPurpose } = a;
  const period = await loadPeriod(env.db, month);
  if (period?.status === 'final' || (period?.final_revision ?? 0) + 1 !== revision) {
    throw new LedgerError(
      'CONFLICT',
      `生成报表包期间${monthText(month)}的报表已被定稿或重新开启，本次生成的报表包未保存。请重新生成`,
    );
  }
  const base = xlsxName.replace(/\.xlsx$/, '');
  const relDir = a.relDir;
  const dir = join(env.dataDir, relDir);
  mkdirSync(dir, { recursive: true });
  const xlsxPath = join(dir, xlsxName);
  const zipPath = join(dir, `${base}.zip`);
  writeAtomic(xlsxPath, xlsx);
  try {
    writeAtomic(zipPath, zip);
  } catch (e) {
    rmSync(xlsxPath, { force: true });
    throw e;
  }

  try {
    await env.db
      .updateTable('report_packages')
      .set({ status: 'superseded', updated_at: builtAt })
      .where('month', '=', month)
      .where('status', '=', 'prepared')
      .execute();
    const row: ReportPackagesTable = {
      id: newId(),
      month,
      revision,
      status: 'prepared',
      trigger,
      built_at: builtAt,
      built_by: env.actor.name,
      checks_ok: figures.checks.every((c) => c.ok) ? 1 : 0,
      checks: JSON.stringify(figures.checks),
      summary: JSON.stringify(summary),
      xlsx_file: join(relDir, xlsxName),
      zip_file: join(relDir, `${base}.zip`),
      xlsx_sha256: sha256(xlsx),
      zip_sha256: sha256(zip),
      amounts_draft: figures.amountsSource === 'draft' ? 1 : 0,
      finalized_at: null,
      finalized_by: null,
      created_at: builtAt,
      updated_at: builtAt,
      version: 1,
    };
    await env.db.insertInto('report_packages').values(row).execute();
    await env.journal({
      action: fullIds ? 'report.build.fullId' : 'report.build',
      entity: 'report_packages',
      entityId: row.id,
      after: {
        month,
        revision,
        trigger,
        checksOk: row.checks_ok === 1,
        idNumbers: fullIds ? 'full' : 'masked',
        // A copy of personal data written beside the ledger: where it went, and why when numbers are in full.
        files: [join(relDir, xlsxName), join(relDir, `${base}.zip`)],
        ...(fullIdPurpose ? { purpose: fullIdPurpose } : {}),
      },
    });
    return { view: await packageView(env.db, row), summary, figures, xlsxPath, zipPath };
  } catch (e) {
    rmSync(xlsxPath, { force: true });
    rmSync(zipPath, { force: true });
    throw e;
  }
}
