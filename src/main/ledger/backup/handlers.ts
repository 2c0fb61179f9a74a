// Handlers of the 备份与隐私 slice (src/shared/api/safety.ts).
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { sql } from 'kysely';
import type { BackupVerificationView, safetyApi, SafetySettings } from '../../../shared/api/safety';
import { badInput, notFound } from '../../../shared/errors';
import { addYears, today } from '../../../shared/time';
import { actorOf, type Handlers, type ServiceContext } from '../kernel';
import { getSettingRow, saveSettings, type SettingChange } from '../settings';
import { backupsRootFor, listBackups, runBackup, SECOND_DIR_SETTING, secondDirOf } from './backup';
import { verifyBackup, type BackupVerification } from './verify';
import { sourceOf } from './snapshot';

export const RETENTION_SETTING = 'privacy.closedCaseRetentionYears';

/** A verification as the screen shows it (also for an in-app restore to show before it asks to go on). */
export function verificationView(name: string, v: BackupVerification): BackupVerificationView {
  const m = v.manifest;
  return {
    name,
    proof: v.proof,
    verified: v.verified && v.unvouched.length === 0,
    checks: v.checks,
    unvouched: v.unvouched,
    refusal: v.refusal,
    recorded: m
      ? {
          at: m.at,
          kind: m.kind,
          reason: m.reason,
          township: m.township,
          schemaVersion: m.schemaVersion,
          journalHead: m.journalHead ?? null,
          tables: m.tables ? Object.keys(m.tables).length : 0,
          by: m.by ?? null,
        }
      : null,
  };
}

/** Verifies in full a backup of the list (by kind and file name), for the screen's 核对 and before an in-app restore. */
export async function verifyListed(
  ctx: ServiceContext,
  backup: { kind: string; name: string },
): Promise<{ path: string; verification: BackupVerification }> {
  const path = join(backupsRootFor(ctx.ledger.path), backup.kind, backup.name);
  if (!existsSync(path)) throw notFound(`备份“${backup.name}”`);
  const verification = await verifyBackup(path, {
    ledgerPath: ctx.ledger.path,
    secondDir: secondDirOf(ctx.ledger.raw),
    nativeBinding: sourceOf(ctx.ledger).nativeBinding,
  });
  return { path, verification };
}

const SETTING_KEYS = [SECOND_DIR_SETTING, RETENTION_SETTING];

/** The two settings as the screen shows them, from their stored values. */
function settingsOf(stored: Record<string, unknown>): Omit<SafetySettings, 'version'> {
  const dir = stored[SECOND_DIR_SETTING];
  const years = stored[RETENTION_SETTING];
  return {
    secondBackupDir: typeof dir === 'string' && dir ? dir : null,
    closedCaseRetentionYears: typeof years === 'number' ? years : null,
  };
}

async function readSettings(ctx: ServiceContext): Promise<SafetySettings> {
  const dir = await getSettingRow(ctx.db, SECOND_DIR_SETTING);
  const years = await getSettingRow(ctx.db, RETENTION_SETTING);
  return {
    ...settingsOf({ [SECOND_DIR_SETTING]: dir?.value, [RETENTION_SETTING]: years?.value }),
    // One version for the pair (saveSettings): the sum moves whenever either changes.
    version: (dir?.version ?? 0) + (years?.version ?? 0),
  };
}

export const safetyHandlers: Handlers<typeof safetyApi> = {
  'backups.list': async (ctx, input) => {
    const all = listBackups(ctx.ledger.path, ctx.now());
    return {
      folder: backupsRootFor(ctx.ledger.path),
      secondDir: secondDirOf(ctx.ledger.raw),
      entries: all.slice(input.offset, input.offset + input.limit).map((b) => ({
        name: b.name,
        kind: b.kind,
        at: b.at,
        bytes: b.bytes,
        reason: b.reason,
        hasManifest: b.hasManifest,
        proof: b.proof,
        problem: b.problem,
        suspectTime: b.suspectTime,
        seq: b.seq,
        by: b.by,
      })),
      total: all.length,
    };
  },

  'backups.run': async (ctx, input) => {
    const reason = input.reason && input.reason.length > 0 ? input.reason : '手动备份';
    const r = await runBackup(sourceOf(ctx.ledger), {
      kind: 'manual',
      reason,
      now: ctx.now(),
      secondDir: secondDirOf(ctx.ledger.raw),
      by: actorOf(ctx).name,
    });
    // A backup is a copy of every person's data: who (the actor), what, where (both copies), why.
    await ctx.journal({
      action: 'backup.run',
      entity: 'backups',
      entityId: r.manifest.file,
      after: {
        file: r.path,
        secondCopy: r.secondCopy,
        sha256: r.manifest.sha256,
        bytes: r.manifest.bytes,
        journalHead: r.manifest.journalHead ?? null,
        via: '软件',
      },
      reason,
    });
    return {
      file: r.path,
      bytes: r.manifest.bytes,
      journalEntries: r.manifest.journalEntries,
      sha256: r.manifest.sha256,
      secondCopy: r.secondCopy,
      warnings: r.warnings,
    };
  },

  'backups.verify': async (ctx, input) => verificationView(input.name, (await verifyListed(ctx, input)).verification),

  'safety.settings': async (ctx) => readSettings(ctx),

  'safety.updateSettings': async (ctx, input) => {
    const dir = input.secondBackupDir && input.secondBackupDir.length > 0 ? input.secondBackupDir : null;
    const years = input.closedCaseRetentionYears;
    await saveSettings(
      ctx,
      SETTING_KEYS,
      input.version,
      { action: 'settings.update', what: '备份与隐私设置' },
      (stored) => {
        const current = settingsOf(stored);
        if (dir === current.secondBackupDir && years === current.closedCaseRetentionYears) {
          throw badInput('设置没有变化');
        }
        if (dir !== null) {
          if (!isAbsolute(dir)) {
            throw badInput('第二备份位置应为完整路径（如 E:\\台账备份 或 /media/u盘/台账备份）', {
              secondBackupDir: '请填写完整路径',
            });
          }
          if (!existsSync(dir) || !statSync(dir).isDirectory()) {
            throw badInput(`找不到文件夹“${dir}”：请先插入 U 盘或建好文件夹`, { secondBackupDir: '文件夹不存在' });
          }
        }
        const pairs: [string, unknown, unknown][] = [
          [SECOND_DIR_SETTING, current.secondBackupDir, dir],
          [RETENTION_SETTING, current.closedCaseRetentionYears, years],
        ];
        return pairs
          .filter(([, was, now]) => now !== was)
          .map(([key, was, now]): SettingChange => ({
            key,
            value: now,
            before: { value: was },
            after: { value: now },
          }));
      },
    );
    return readSettings(ctx);
  },

  'privacy.retentionReport': async (ctx, input) => {
    const years = (await readSettings(ctx)).closedCaseRetentionYears;
    if (years === null) return { retentionYears: null, cutoff: null, rows: [], total: 0 };
    const now = ctx.now();
    const cutoff = addYears(today(now), -years);
    // When a case closed: the first day of its stop month, else its decision date, else its last change.
    const closedOn = sql<string>`CASE WHEN status = 'stopped' AND stop_month IS NOT NULL THEN stop_month || '-01'
      ELSE coalesce(decided_on, substr(updated_at, 1, 10)) END`;
    const base = ctx.db
      .selectFrom('cases')
      .where('status', 'in', ['stopped', 'rejected', 'withdrawn'])
      .where(closedOn, '<', cutoff);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(['id', 'case_no', 'category', 'status', closedOn.as('closed_on')])
      .orderBy('closed_on')
      .orderBy('id')
      .offset(input.offset)
      .limit(input.limit)
      .execute();
    return {
      retentionYears: years,
      cutoff,
      rows: rows.map((r) => ({
        caseId: r.id,
        caseNo: r.case_no,
        category: r.category,
        status: r.status,
        closedOn: r.closed_on,
      })),
      total: Number(total.n),
    };
  },
};
