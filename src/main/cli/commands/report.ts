// `civil-ledger report`: builds a month's report package headless (for the operating system's task scheduler),
// copies the workbook and archive to --out, optionally marks it final, and prints summary.json with --json.
// A month that is already final is not rebuilt: its final package is copied instead.
//
// Beside the app: when the desktop app (or `serve`) holds the ledger, a report without --final is built from one
// consistent snapshot of the committed ledger (SQLite's backup API through a read-only connection) in a temporary
// folder; the copy leaving for --out is journalled in the live ledger. --final changes the ledger, so it needs the
// ledger free, and a named reviewer (--user, password from CIVIL_LEDGER_PASSWORD or the terminal) — never 命令行.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCore, type Core } from '../../core';
import { nowIso } from '../../ledger/ids';
import { appendJournal, type JournalActor } from '../../ledger/journal';
import { LedgerError } from '../../../shared/errors';
import type { PackageView, PeriodView } from '../../../shared/api/reports';
import { copyAtomic, loadPeriod } from '../../ledger/reports';
import { systemActor } from '../../ledger/kernel';
import { isMonth } from '../../../shared/time';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, requireString, UsageError, type Command } from '../command';
import { journalBeside, openOrSnapshot } from './files';
import { callerOf, dataOf, NO_PASSWORD, passwordOf, SESSION_OPTIONS } from './session';

const CLI_ACTOR = systemActor('cli', '命令行（定时任务）');
const CLI_JOURNAL_ACTOR: JournalActor = { id: null, name: CLI_ACTOR.name };

export const reportCommand: Command = {
  name: 'report',
  summary: '生成某月的报表包（工作簿 + 数据包），复制到输出文件夹；--final 同时定稿',
  usage:
    'civil-ledger report --db 文件 --month YYYY-MM --out 文件夹 [--final --user 审核人登录名] [--json]\n' +
    '  不带 --final 时可在软件运行时使用（从台账的一致快照生成）；--final 须关闭软件，并由审核人（--user）定稿，\n' +
    '  密码取自环境变量 CIVIL_LEDGER_PASSWORD，没有时在终端询问。',
  options: {
    ...SESSION_OPTIONS,
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
    if (values.final) return finalByReviewer(dbPath, month, out, values, io);
    // The app holds the ledger: build from a consistent snapshot of what it has committed.
    const ledger = await openOrSnapshot(dbPath, io, {
      snapshot: true,
      prefix: 'civil-ledger-report-',
      notice: '台账正在软件中使用：已从此刻台账的一致快照生成报表包（不改动台账；报表包历史以软件中的为准）',
    });
    const { core } = ledger;
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
        files = [pkg.xlsx_file, pkg.zip_file].map((f) => copyAtomic(join(core.dataDir, f), out));
        status = 'final';
        checksOk = pkg.checks_ok === 1;
        revision = pkg.revision;
        packageId = pkg.id;
        io.err(`${month} 已定稿（第 ${pkg.revision} 版），已复制定稿的报表包`);
      } else {
        // Built through the dispatcher as the named command-line actor, like a clerk's 生成 on the screen.
        const r = await core.dispatcher.dispatchAs(CLI_ACTOR, {
          method: 'reports.build',
          input: { month, confirmRebuild: true },
        });
        const built = dataOf<PackageView>(r);
        const row = await db
          .selectFrom('report_packages')
          .select('summary')
          .where('id', '=', built.id)
          .executeTakeFirstOrThrow();
        summary = JSON.parse(row.summary) as Record<string, unknown>;
        checksOk = built.checksOk;
        revision = built.revision;
        packageId = built.id;
        status = 'prepared';
        for (const c of built.checks.filter((x) => !x.ok)) io.err(`✗ ${c.name}：${c.message}`);
        files = [built.xlsxFile, built.zipFile].map((f) => copyAtomic(join(core.dataDir, f), out));
      }
      // The copies leave the ledger's folder: journalled with where they went (docs/DATA-SAFETY.md) — in the live
      // ledger, also when the package was built from a snapshot.
      const entry = {
        action: 'report.copy',
        entity: 'report_packages',
        entityId: packageId,
        after: { month, revision, files, to: out, ...(ledger.snapshot ? { fromSnapshot: true } : {}) },
        reason: '命令行 report --out（报表包复制到输出文件夹）',
      };
      if (ledger.snapshot) journalBeside(dbPath, CLI_JOURNAL_ACTOR, [entry]);
      else
        await db.transaction().execute(async (trx) => {
          await appendJournal(trx, CLI_JOURNAL_ACTOR, [entry], nowIso());
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
      await ledger.close();
    }
  },
};

/**
 * `report --final`: a reviewer named with --user makes the month final through the dispatcher, as on the screen:
 * build (a delivered package is rebuilt on purpose here), the cross-checks must pass, then 定稿 — journalled as that
 * person. The ledger must be free: 定稿 changes it.
 */
async function finalByReviewer(
  dbPath: string,
  month: string,
  out: string,
  values: Record<string, unknown>,
  io: Parameters<Command['run']>[1],
): Promise<number> {
  const username = typeof values.user === 'string' ? values.user.trim() : '';
  if (!username) {
    io.err('定稿须由审核人执行：请用 --user 给出审核人的登录名（密码取自环境变量 CIVIL_LEDGER_PASSWORD 或在终端输入）');
    return EXIT_USAGE;
  }
  const password = await passwordOf(io, `审核人 ${username} 的密码：`);
  if (!password) {
    io.err(NO_PASSWORD);
    return EXIT_USAGE;
  }
  let core: Core;
  try {
    core = await startCore({ dbPath });
  } catch (e) {
    if (e instanceof LedgerError && e.code === 'CONFLICT') {
      io.err(`${e.message}\n定稿会修改台账：请在软件中定稿，或先关闭软件再运行 report --final`);
      return EXIT_FAILURE;
    }
    throw e;
  }
  try {
    const dispatch = callerOf(core);
    const call = async <T>(method: string, input: unknown, session?: string): Promise<T> =>
      dataOf<T>(await dispatch(method, input, session));
    const login = await call<{ session: string; user: { id: string; displayName: string; role: string } }>(
      'auth.login',
      {
        username,
        password,
      },
    );
    if (login.user.role === 'clerk') {
      io.err(`“${login.user.displayName}”是经办人：定稿须由审核人或管理员执行`);
      return EXIT_FAILURE;
    }
    const s = login.session;
    const period = await call<PeriodView | null>('reports.period', { month }, s);
    let pkg: PackageView;
    if (period?.status === 'final') {
      const all = await call<PackageView[]>('reports.packages', { month }, s);
      pkg = all.find((p) => p.status === 'final') ?? all[0]!;
      io.err(`${month} 已定稿（第 ${pkg.revision} 版），复制定稿的报表包`);
    } else {
      pkg = await call<PackageView>('reports.build', { month, confirmRebuild: true }, s);
      if (!pkg.checksOk) {
        io.err(`${month} 报表包校验未通过，未定稿。请在软件的“月度报表”中查看校验结果`);
        return EXIT_FAILURE;
      }
      await call<PeriodView>('reports.finalize', { packageId: pkg.id, version: pkg.version }, s);
      io.err(`${month} 已由 ${login.user.displayName} 定稿（第 ${pkg.revision} 版）`);
    }
    mkdirSync(out, { recursive: true });
    const files = [pkg.xlsxFile, pkg.zipFile].map((f) => copyAtomic(join(core.dataDir, f), out));
    const actor: JournalActor = { id: login.user.id, name: login.user.displayName };
    await core.ledger.db.transaction().execute(async (trx) => {
      await appendJournal(
        trx,
        actor,
        [
          {
            action: 'report.copy',
            entity: 'report_packages',
            entityId: pkg.id,
            after: { month, revision: pkg.revision, files, to: out },
            reason: '命令行 report --final --out（定稿的报表包复制到输出文件夹）',
          },
        ],
        nowIso(),
      );
    });
    if (values.json) {
      // The same shape as without --final: summary.json and the package's facts.
      const row = await core.ledger.db
        .selectFrom('report_packages')
        .select('summary')
        .where('id', '=', pkg.id)
        .executeTakeFirst();
      const summary = row ? (JSON.parse(row.summary) as Record<string, unknown>) : { month };
      io.out(
        JSON.stringify(
          { ...summary, package: { status: 'final', revision: pkg.revision, checksOk: pkg.checksOk, files } },
          null,
          2,
        ),
      );
    } else for (const f of files) io.out(`  ${f}`);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof LedgerError) {
      io.err(e.message);
      return e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN' ? EXIT_FAILURE : EXIT_FAILURE;
    }
    throw e;
  } finally {
    await core.close();
  }
}
