// Runs a registered task (tasks.ts) in a worker thread (issue 23.4), so the thread that answers calls stays free: the worker
// opens its own read-only connection to the ledger file for each task and reads one committed snapshot; it writes
// nothing. One worker is kept while tasks come (ended after a minute idle). Its
// steps go to the caller's progress (progress.ts); its result comes back to be recorded in the dispatcher's
// transaction. A task's refusal (a LedgerError) comes back as it was; anything else, or a worker that dies, is a
// Chinese message saying nothing was saved.
//
// Where the worker's code is: `ledger-worker.js` beside the running bundle (the app: out/main, built by
// electron.vite.config.ts; the command line: out/cli, built by scripts/build-cli.mjs); from source (development,
// tests) the entry src/main/ledger-worker.ts through dev-boot.mjs, which registers tsx in the worker. Where neither exists the task runs on
// this thread, as the command line's own commands do — and so they do when a worker cannot start at all (a worker
// that loaded says 'ready' first); a worker that dies while working fails its tasks with a message instead.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkMethod } from '../../../shared/api/work';
import { LedgerError } from '../../../shared/errors';
import { sourceOf } from '../backup';
import type { ServiceContext } from '../kernel';
import { trackProgress } from './progress';
import { taskOf, type TaskArgs, type TaskName, type TaskResult, type WorkStep } from './tasks';
import type { WorkMessage, WorkRequest } from './worker';

export const WORKER_FILE = 'ledger-worker.js';

interface WorkerEntry {
  file: URL;
  /** For dev-boot.mjs: the TypeScript entry to load once tsx is registered. */
  source?: string;
}

let entryOverride: WorkerEntry | null | undefined;

/** Tests: run a given worker file instead (e.g. one that dies), or null to run tasks on this thread. */
export function useWorkerEntry(file: string | null | undefined): void {
  entryOverride = file === undefined ? undefined : file === null ? null : { file: pathToFileURL(file) };
}

function locateWorker(): WorkerEntry | null {
  if (entryOverride !== undefined) return entryOverride;
  const here = dirname(fileURLToPath(import.meta.url));
  // The bundle's own folder, or its parent when this code sits in a chunk (out/main/chunks).
  for (const dir of [here, join(here, '..')]) {
    const built = join(dir, WORKER_FILE);
    if (existsSync(built)) return { file: pathToFileURL(built) };
  }
  const source = join(here, '..', '..', 'ledger-worker.ts');
  const boot = join(here, 'dev-boot.mjs');
  if (existsSync(source) && existsSync(boot)) return { file: pathToFileURL(boot), source: pathToFileURL(source).href };
  return null;
}

const NOTHING_SAVED = '台账和文件均未改动。请重试；如仍出错，请联系管理员查看日志';
/** A worker with nothing to do is ended after this long (its memory given back); the next task starts another. */
const IDLE_MS = 60_000;

interface Pending {
  what: string;
  onStep: (s: WorkStep) => void;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  /** The same task on this thread, for a worker that could not start. */
  here: () => Promise<unknown>;
}

/** The one worker thread, kept between tasks (starting one loads the code again). */
interface Pool {
  href: string;
  worker: Worker;
  /** The worker loaded its code and said so. */
  ready: boolean;
  pending: Map<number, Pending>;
  idle: NodeJS.Timeout | null;
}
let pool: Pool | null = null;
let nextId = 1;
/** A worker file that could not even start (e.g. an app package that cannot load it): tasks run on this thread. */
let cannotStart: string | null = null;

function startPool(entry: WorkerEntry): Pool {
  const worker = new Worker(entry.file, {
    ...(entry.source ? { workerData: { entry: entry.source } } : {}),
    // A task that runs away is stopped on its own; the app stays up.
    resourceLimits: { maxOldGenerationSizeMb: 2048 },
  });
  const p: Pool = { href: entry.file.href, worker, ready: false, pending: new Map(), idle: null };
  // A worker that dies while working: every task it had fails with a message saying nothing was saved, and the next
  // task starts a new worker. One that never started: its tasks run on this thread, as do all later ones.
  const fail = (message: (what: string) => string) => {
    if (pool === p) pool = null;
    if (p.idle) clearTimeout(p.idle);
    if (!p.ready) cannotStart = p.href;
    for (const t of p.pending.values()) {
      if (p.ready) t.reject(new LedgerError('INTERNAL', message(t.what)));
      else t.here().then(t.resolve, t.reject);
    }
    p.pending.clear();
  };
  worker.on('message', (m: WorkMessage) => {
    if (m.type === 'ready') {
      p.ready = true;
      return;
    }
    const t = p.pending.get(m.id);
    if (!t) return;
    if (m.type === 'progress') {
      t.onStep(m);
      return;
    }
    p.pending.delete(m.id);
    if (m.type === 'done') t.resolve(m.result);
    else
      t.reject(
        m.error
          ? new LedgerError(m.error.code, m.error.message, m.error.fields)
          : new LedgerError('INTERNAL', `${t.what}时出错，${NOTHING_SAVED}`),
      );
    if (p.pending.size === 0) idle(p);
  });
  // The failure is settled on 'exit', not on 'error': Node delivers every message the worker posted (its 'ready'
  // among them) before 'exit', but an 'error' can overtake them — a worker that loaded and then threw would be taken
  // for one that never started, and its task run again on this thread.
  let crashed = false;
  worker.on('error', (e) => {
    crashed = true;
    process.stderr.write(
      `[civil-ledger] 后台任务线程中止 ${(e.stack ?? e.name).split('\n').slice(0, 3).join(' | ')}\n`,
    );
  });
  worker.on('exit', (code) =>
    fail((what) =>
      crashed
        ? `${what}的后台计算意外中止，${NOTHING_SAVED}`
        : `${what}的后台计算意外中止（退出码 ${code}），${NOTHING_SAVED}`,
    ),
  );
  return p;
}

/** No task left: let the process exit without waiting for the worker, and end the worker after a while. */
function idle(p: Pool): void {
  p.worker.unref();
  p.idle = setTimeout(() => {
    if (pool === p) pool = null;
    void p.worker.terminate();
  }, IDLE_MS);
  p.idle.unref();
}

function inWorker(
  entry: WorkerEntry,
  request: Omit<WorkRequest, 'id'>,
  t: Omit<Pending, 'resolve' | 'reject'>,
): Promise<unknown> {
  if (pool && pool.href !== entry.file.href) {
    void pool.worker.terminate();
    pool = null;
  }
  const p = (pool ??= startPool(entry));
  if (p.idle) clearTimeout(p.idle);
  p.idle = null;
  p.worker.ref();
  const id = nextId++;
  return new Promise<unknown>((resolve, reject) => {
    p.pending.set(id, { ...t, resolve, reject });
    p.worker.postMessage({ ...request, id } satisfies WorkRequest);
  });
}

/** What a task reads from when it runs on this thread, and the ledger file a worker opens. */
export type TaskSource = Pick<ServiceContext, 'ledger' | 'db' | 'now'>;

/**
 * Runs `task` off the answering thread and returns its result; the caller records it. `what` names the work in
 * messages ('生成报表包'); `onStep` receives its progress.
 */
export async function runTask<K extends TaskName>(
  src: TaskSource,
  task: K,
  args: TaskArgs<K>,
  o: { what: string; onStep?: (s: WorkStep) => void },
): Promise<TaskResult<K>> {
  const onStep = o.onStep ?? (() => {});
  const run = taskOf(task);
  const here = () => run({ raw: src.ledger.raw, db: src.db, now: src.now, progress: onStep }, args);
  const entry = locateWorker();
  if (!entry || cannotStart === entry.file.href) return here();
  const request = { task, ledger: sourceOf(src.ledger), now: src.now().toISOString(), args };
  return (await inWorker(entry, request, { what: o.what, onStep, here })) as TaskResult<K>;
}

/** runTask for an API method: its progress is kept under the caller's session and `method` (work.progress). */
export async function runWork<K extends TaskName>(
  ctx: ServiceContext,
  task: K,
  args: TaskArgs<K>,
  o: { method: WorkMethod; what: string },
): Promise<TaskResult<K>> {
  const tracker = trackProgress(ctx.session, o.method);
  try {
    return await runTask(ctx, task, args, { what: o.what, onStep: tracker.update });
  } finally {
    tracker.end();
  }
}
