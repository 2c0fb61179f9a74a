// What the worker thread does (issue 23.4): runs the registered tasks (tasks.ts) it is sent, each on its own
// read-only connection to the ledger file, and posts each one's progress and result back, tagged with the task's id.
// The thread is kept for the next task while the app runs (offthread.ts ends it when idle). Its entry is
// src/main/ledger-worker.ts, which registers the capabilities' tasks and then calls serveTasks(); built beside the
// app's main bundle and the CLI bundle as `ledger-worker.js`, from source through dev-boot.mjs (offthread.ts decides).
//
// One read transaction for the whole task: in WAL mode the worker then reads one committed snapshot of the ledger,
// however many writes the main thread commits meanwhile, so a package's figures and its detail tables agree.
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { LedgerError } from '../../../shared/errors';
import type { DB } from '../db';
import { countOf } from '../kernel';
import { taskOf, type ReadSide, type TaskName, type WorkStep } from './tasks';

export interface WorkRequest {
  id: number;
  task: TaskName;
  ledger: { path: string; nativeBinding?: string | undefined };
  /** The caller's clock, as an ISO instant: the worker's `now()` (tests control the date). */
  now: string;
  args: unknown;
}

type Reply =
  | ({ type: 'progress' } & WorkStep)
  | { type: 'done'; result: unknown }
  /** error: a task's refusal as it was; null for anything else (logged here by class and stack only). */
  | { type: 'failed'; error: { code: LedgerError['code']; message: string; fields?: Record<string, string> } | null };
export type WorkMessage = (Reply & { id: number }) | { type: 'ready' };

async function run(req: WorkRequest, post: (r: Reply) => void): Promise<void> {
  let db: Kysely<DB> | null = null;
  try {
    const raw = new Database(req.ledger.path, {
      readonly: true,
      fileMustExist: true,
      ...(req.ledger.nativeBinding ? { nativeBinding: req.ledger.nativeBinding } : {}),
    });
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
    raw.pragma('busy_timeout = 5000');
    raw.exec('BEGIN');
    countOf(raw, 'SELECT count(*) FROM sqlite_master'); // the snapshot starts at the first read
    const fixed = new Date(req.now);
    const task = taskOf(req.task) as (side: ReadSide, args: unknown) => Promise<unknown>;
    const side = { raw, db, now: () => new Date(fixed), progress: (p: WorkStep) => post({ type: 'progress', ...p }) };
    const result = await task(side, req.args);
    raw.exec('ROLLBACK'); // it only read
    post({ type: 'done', result });
  } catch (e) {
    if (e instanceof LedgerError) {
      post({ type: 'failed', error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } });
    } else {
      const err = e instanceof Error ? (e.stack ?? e.name).split('\n').slice(0, 4).join(' | ') : typeof e;
      process.stderr.write(`[civil-ledger] 后台任务 ${req.task} 出错 ${err}\n`);
      post({ type: 'failed', error: null });
    }
  } finally {
    await db?.destroy(); // closes the connection (and ends its read transaction)
  }
}

/** In the worker thread, once the tasks are registered: answers the tasks it is sent. */
export function serveTasks(): void {
  const port = parentPort;
  port?.on('message', (req: WorkRequest) => {
    void run(req, (r) => port.postMessage({ ...r, id: req.id } satisfies WorkMessage));
  });
  port?.postMessage({ type: 'ready' } satisfies WorkMessage); // the code loaded: from now on a death is a failure
}
