// `civil-ledger report`: builds a month's report package headless (for the operating system's task scheduler),
// copies the workbook and archive to --out, optionally marks it final, and prints summary.json with --json.
// A month that is already final is not rebuilt: its final package is copied instead.
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { startCore } from '../../core';
import { nowIso } from '../../ledger/ids';
import { appendJournal } from '../../ledger/journal/journal';
import { buildPackage, finalizePackage, loadPeriod, type ReportEnv } from '../../ledger/reports/package';
import { isMonth } from '../../../shared/time';
import { EXIT_FAILURE, EXIT_OK, requireString, UsageError, type Command } from '../command';

const CLI_ACTOR = { id: null, name: '命令行（定时任务）' };

function copyInto(from: string, dir: string): string {
  const to = join(dir, basename(from));
  const tmp = `${to}.tmp-${process.pid}`;
  try {
    copyFileSync(from, tmp);
    renameSync(tmp, to);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return to;
}

export const reportCommand: Command = {
  name: 'report',
  summary: '生成某月的报表包（工作簿 + 数据包），复制到输出文件夹；--final 同时定稿',
  usage: 'civil-ledger report --db 文件 --month YYYY-MM --out 文件夹 [--final] [--json]',
  options: {
    db: { type: 'string' },
    month: { type: 'string' },
    out: { type: 'string' },
    final: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(values, io) {
    const dbPath = resolve(requireString(values, 'db'));
    const month = requireString(values, 'month');
    const out = resolve(requireString(values, 'out'));
    if (!isMonth(month)) throw new UsageError(`月份格式不正确：“${month}”（应为 YYYY-MM，如 2026-03）`);
    const core = await startCore({ dbPath });
    try {
      const db = core.ledger.db;
      mkdirSync(out, { recursive: true });
      const period = await loadPeriod(db, month);
      let summary: Record<string, unknown>;
      let files: string[];
      let status: string;
      let checksOk: boolean;
      let revision: number;
      let packageId: string;
      if (period?.status === 'final') {
        const pkg = await db
          .selectFrom('report_packages')
          .selectAll()
          .where('month', '=', month)
          .where('status', '=', 'final')
          .orderBy('revision', 'desc')
          .executeTakeFirstOrThrow();
        summary = JSON.parse(pkg.summary) as Record<string, unknown>;
        files = [pkg.xlsx_file, pkg.zip_file].map((f) => copyInto(join(core.dataDir, f), out));
        status = 'final';
        checksOk = pkg.checks_ok === 1;
        revision = pkg.revision;
        packageId = pkg.id;
        io.err(`${month} 已定稿（第 ${pkg.revision} 版），已复制定稿的报表包`);
      } else {
        const built = await db.transaction().execute(async (trx) => {
          const env: ReportEnv = {
            db: trx,
            dataDir: core.dataDir,
            actor: CLI_ACTOR,
            now: () => new Date(),
            journal: (...entries) => appendJournal(trx, CLI_ACTOR, entries, nowIso()),
          };
          return buildPackage(env, month, 'cli');
        });
        summary = built.summary;
        checksOk = built.view.checksOk;
        revision = built.view.revision;
        packageId = built.view.id;
        status = 'prepared';
        for (const c of built.figures.checks.filter((x) => !x.ok)) io.err(`✗ ${c.name}：${c.message}`);
        if (values.final) {
          if (!checksOk) {
            io.err('校验未通过，未定稿');
          } else {
            await db.transaction().execute(async (trx) => {
              const env: ReportEnv = {
                db: trx,
                dataDir: core.dataDir,
                actor: CLI_ACTOR,
                now: () => new Date(),
                journal: (...entries) => appendJournal(trx, CLI_ACTOR, entries, nowIso()),
              };
              await finalizePackage(env, built.view.id, built.view.version);
            });
            status = 'final';
          }
        }
        files = [built.xlsxPath, built.zipPath].map((f) => copyInto(f, out));
      }
      // The copies leave the ledger's folder: journalled with where they went (docs/DATA-SAFETY.md).
      await db.transaction().execute(async (trx) => {
        await appendJournal(
          trx,
          CLI_ACTOR,
          [
            {
              action: 'report.copy',
              entity: 'report_packages',
              entityId: packageId,
              after: { month, revision, files, to: out },
              reason: '命令行 report --out（报表包复制到输出文件夹）',
            },
          ],
          nowIso(),
        );
      });
      if (values.json) {
        io.out(JSON.stringify({ ...summary, package: { status, revision, checksOk, files } }, null, 2));
      } else {
        io.out(
          `${month} 报表包（第 ${revision} 版，${status === 'final' ? '已定稿' : '待定稿'}，校验${checksOk ? '通过' : '未通过'}）：`,
        );
        for (const f of files) io.out(`  ${f}`);
      }
      return values.final && status !== 'final' ? EXIT_FAILURE : EXIT_OK;
    } finally {
      await core.close();
    }
  },
};
