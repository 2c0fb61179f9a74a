// Handlers of the 月度报表 contract slice (src/shared/api/reports.ts).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { backupBeforeRisk } from '../backup';
import type { reportsApi } from '../../../shared/api/reports';
import { LedgerError, notFound, staleEdit } from '../../../shared/errors';
import { FULL_ID_REASON_MESSAGE, FULL_ID_REASON_MIN } from '../../../shared/mask';
import { actorOf, valueOf, type Handlers, type ServiceContext } from '../kernel';
import { nowIso } from '../ids';
import { putSetting } from '../settings';
import { dashboard } from './dashboard';
import { computeMonthFigures } from './figures';
import { finalizePackage, reopenMonth } from './finalize';
import { listPackages, loadPeriod, periodView } from './history';
import { recordPackage, type ReportEnv } from './package';
import { dueReport, prepareScheduled, scheduledPackage } from './schedule';
import { REPORT_SETTINGS_KEY, reportSettings, type ReportSettings } from './settings';
import { exportTrace, traceFigure } from './trace';
import { phased, runTask, runWork } from '../work';
import { checkUploadUrl, deliverPackage } from './upload';

function envOf(ctx: ServiceContext): ReportEnv {
  const actor = actorOf(ctx);
  return {
    db: ctx.db,
    raw: ctx.ledger.raw,
    dataDir: ctx.host.dataDir,
    actor: { id: actor.id, name: actor.name },
    now: ctx.now,
    journal: (...entries) => ctx.journal(...entries),
  };
}

export const reportsHandlers: Handlers<typeof reportsApi> = {
  'reports.figures': async (ctx, input) => computeMonthFigures(ctx.db, input.month),
  'reports.trace': async (ctx, input) => traceFigure(ctx.db, input),
  'reports.traceExport': async (ctx, input) => exportTrace(ctx, input),
  'reports.period': async (ctx, input) => periodView(input.month, await loadPeriod(ctx.db, input.month)),
  'reports.periods': async (ctx) => {
    const rows = await ctx.db.selectFrom('report_periods').selectAll().orderBy('month', 'desc').limit(120).execute();
    return rows.map((r) => periodView(r.month, r));
  },
  // Assembled in a worker thread before the transaction (the host keeps answering, with progress), recorded in it.
  'reports.build': phased<(typeof reportsApi)['reports.build']>()(
    (ctx, input) => {
      const actor = actorOf(ctx);
      return runWork(
        ctx,
        'reports.package',
        {
          month: input.month,
          trigger: ctx.actor?.system ?? 'manual',
          confirmRebuild: input.confirmRebuild ?? false,
          actor: { id: actor.id, name: actor.name },
        },
        { method: 'reports.build', what: '生成报表包' },
      );
    },
    async (ctx, _input, assembled) => (await recordPackage(envOf(ctx), assembled)).view,
  ),
  'reports.packages': async (ctx, input) => listPackages(ctx.db, input.month),
  'reports.due': async (ctx, input) => dueReport(ctx.db, input.today),
  // Assembled in a worker thread before the transaction (ledger/work/offthread.ts), recorded with the reminder in it.
  'reports.prepareScheduled': phased<(typeof reportsApi)['reports.prepareScheduled']>()(
    (ctx, input) => {
      const actor = actorOf(ctx);
      return runTask(ctx, 'reports.package', scheduledPackage(input.month, { id: actor.id, name: actor.name }), {
        what: '定时生成报表包',
      });
    },
    async (ctx, input, assembled) => prepareScheduled(envOf(ctx), input.month, assembled),
  ),
  'reports.finalize': async (ctx, input) => {
    // A verified backup before a month is made final (issue 8).
    await backupBeforeRisk(ctx.ledger, '月度报表定稿', ctx.now());
    return finalizePackage(envOf(ctx), input.packageId, input.version);
  },
  'reports.reopen': async (ctx, input) => reopenMonth(envOf(ctx), input.month, input.reason),
  // Not a write method on purpose: an upload may retry for minutes and must not hold the ledger's write lock.
  'reports.deliver': async (ctx, input) => deliverPackage(envOf(ctx), input.packageId),
  'reports.download': async (ctx, input) => {
    const p = await ctx.db
      .selectFrom('report_packages')
      .selectAll()
      .where('id', '=', input.packageId)
      .executeTakeFirst();
    if (!p) throw notFound('该报表包');
    const rel = input.file === 'xlsx' ? p.xlsx_file : p.zip_file;
    const expected = input.file === 'xlsx' ? p.xlsx_sha256 : p.zip_sha256;
    const path = join(ctx.host.dataDir, rel);
    if (!existsSync(path)) throw new LedgerError('NOT_FOUND', `报表文件不见了（${path}），请重新生成报表包`);
    const data = readFileSync(path);
    if (createHash('sha256').update(data).digest('hex') !== expected) {
      throw new LedgerError('CONFLICT', `报表文件“${basename(rel)}”已被改动或损坏（校验值不符），请重新生成报表包`);
    }
    // A package built with full ID numbers carries the purpose it was built for into its downloads' journal entries.
    const builtFull = valueOf<string | null>(
      ctx.ledger.raw,
      "SELECT json_extract(after, '$.purpose') FROM journal WHERE action = 'report.build.fullId' AND entity_id = ? ORDER BY seq DESC LIMIT 1",
      p.id,
    );
    const full = builtFull !== undefined;
    await ctx.journal({
      action: 'report.download',
      entity: 'report_packages',
      entityId: p.id,
      after: {
        month: p.month,
        revision: p.revision,
        file: basename(rel),
        to: '下载到本机',
        idNumbers: full ? 'full' : 'masked',
      },
      reason: full ? `下载报表包（含完整身份证号码，用途：${builtFull ?? '按市级格式上报'}）` : '下载报表包',
    });
    return {
      name: basename(rel),
      mime:
        input.file === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/zip',
      dataBase64: data.toString('base64'),
    };
  },
  'reports.dashboard': async (ctx, input) => dashboard(ctx, input.month),
  'reports.reminderDone': async (ctx, input) => {
    const r = await ctx.db.selectFrom('report_reminders').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!r) throw notFound('该提醒');
    const at = nowIso(ctx.now());
    await ctx.db
      .updateTable('report_reminders')
      .set({ done_at: at, done_by: actorOf(ctx).name })
      .where('id', '=', r.id)
      .execute();
    await ctx.journal({
      action: 'report.reminderDone',
      entity: 'report_reminders',
      entityId: r.id,
      after: { done: true },
    });
    return { ok: true };
  },
  'reports.settings': async (ctx) => reportSettings(ctx.db),
  'reports.saveSettings': async (ctx, input) => {
    const current = await reportSettings(ctx.db);
    if (current.version !== input.version) throw staleEdit('报表设置');
    const uploadUrl = input.uploadUrl && input.uploadUrl !== '' ? checkUploadUrl(input.uploadUrl).toString() : null;
    const exportFolder = input.exportFolder && input.exportFolder !== '' ? input.exportFolder : null;
    if (exportFolder && !/^([A-Za-z]:[\\/]|\/|\\\\)/.test(exportFolder)) {
      throw new LedgerError('BAD_INPUT', '导出文件夹必须是完整路径', { exportFolder: '请填写完整路径' });
    }
    // Full ID numbers in the package only with a stated purpose (written on the package, journalled with each build).
    const fullIdPurpose = input.fullIdNumbers ? (input.fullIdPurpose ?? current.fullIdPurpose ?? '').trim() : '';
    if (input.fullIdNumbers && fullIdPurpose.length < FULL_ID_REASON_MIN) {
      throw new LedgerError('BAD_INPUT', FULL_ID_REASON_MESSAGE, { fullIdPurpose: FULL_ID_REASON_MESSAGE });
    }
    const next: ReportSettings = {
      scheduleDay: input.scheduleDay,
      uploadUrl,
      exportFolder,
      fullIdNumbers: input.fullIdNumbers,
      fullIdPurpose: input.fullIdNumbers ? fullIdPurpose : null,
      amountUnit: input.amountUnit ?? current.amountUnit,
      formNumber: input.formNumber ?? current.formNumber,
      signers: input.signers ?? current.signers,
    };
    const before = await putSetting(ctx.db, REPORT_SETTINGS_KEY, next, nowIso(ctx.now()));
    await ctx.journal({
      action: 'settings.reports',
      entity: 'settings',
      entityId: REPORT_SETTINGS_KEY,
      before,
      after: next,
    });
    // The version as saved (putSetting moved it on through the kernel's saveVersion).
    return reportSettings(ctx.db);
  },
};
