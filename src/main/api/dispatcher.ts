// The dispatcher: method name + input -> validate -> authorise -> service -> output. Both transports (Electron IPC
// and the loopback HTTP host) and the tests call `dispatch`; nothing else reaches the services from outside.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { roleSatisfies, type ApiRequest, type ApiResponse, type MethodSpec } from '../../shared/api/contract';
import { api } from '../../shared/api';
import { LedgerError } from '../../shared/errors';
import type { Ledger, DB } from '../ledger/db';
import { appendJournalPrepared, type JournalEntryInput } from '../ledger/journal';
import type { Actor, HostServices, ServiceContext } from '../ledger/kernel';
import { handlers } from './handlers';
import { villageWriteGuard } from '../ledger/village';
import { preparerOf, type PreparedBox } from '../ledger/work';

export interface Dispatcher {
  dispatch(req: ApiRequest): Promise<ApiResponse<unknown>>;
}

/** What the core holds: the transports' Dispatcher, and calls as a named system actor. */
export interface CoreDispatcher extends Dispatcher {
  /**
   * The same call as a named system actor (kernel/context.ts `systemActor`): the scheduler and the command line use
   * it instead of a login. Not reachable from a transport (they only call `dispatch`); the session is ignored.
   */
  dispatchAs(actor: Actor, req: ApiRequest): Promise<ApiResponse<unknown>>;
}

export interface DispatcherOptions {
  ledger: Ledger;
  host: HostServices;
  now?: () => Date;
  /** Where internal errors are logged. Never receives personal data: only the method name and error class. */
  logError?: (method: string, error: unknown) => void;
}

const apiMap = api as unknown as Record<string, MethodSpec>;
const handlerMap = handlers as unknown as Record<
  string,
  (ctx: ServiceContext, input: unknown, prepared?: PreparedBox) => Promise<unknown>
>;

/** Chinese messages for zod's issues, keyed by field path. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}

/**
 * The stored answer of a write already done under this request id (a client sending it again), else undefined. The
 * same id for another method or user is refused: it is not a retry.
 */
async function replayed(trx: Kysely<DB>, requestId: string, method: string, actor: Actor | null): Promise<unknown> {
  const prior = await trx
    .selectFrom('request_log')
    .select(['method', 'actor_id', 'output'])
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (!prior) return undefined;
  if (prior.method !== method || prior.actor_id !== (actor?.id ?? null)) {
    throw new LedgerError('BAD_INPUT', '请求编号已被另一操作使用，本次未保存');
  }
  return JSON.parse(prior.output) as unknown;
}

async function remember(
  trx: Kysely<DB>,
  requestId: string,
  method: string,
  actor: Actor | null,
  out: unknown,
  at: Date,
): Promise<void> {
  if (requestId.length > 100) throw new LedgerError('BAD_INPUT', '请求编号过长');
  await trx
    .insertInto('request_log')
    .values({
      request_id: requestId,
      actor_id: actor?.id ?? null,
      method,
      output: JSON.stringify(out ?? null),
      at: at.toISOString(),
    })
    .execute();
  // Retries come within minutes; answers older than 30 days are of no further use.
  const cutoff = new Date(at.getTime() - 30 * 24 * 3600 * 1000).toISOString();
  await trx.deleteFrom('request_log').where('at', '<', cutoff).execute();
}

/** What a user whose password an administrator reset may still do. */
const PASSWORD_CHANGE_METHODS = new Set(['auth.changePassword', 'auth.me', 'auth.logout']);
export const PASSWORD_CHANGE_REQUIRED =
  '您的密码是管理员设定的（新账号的初始密码或重置后的密码）：请先设置新密码，再进行其他操作';

export function createDispatcher(options: DispatcherOptions): CoreDispatcher {
  const { ledger, host } = options;
  const now = options.now ?? (() => new Date());

  async function run(req: ApiRequest, system?: Actor): Promise<unknown> {
    if (typeof req !== 'object' || req === null || typeof req.method !== 'string') {
      throw new LedgerError('BAD_INPUT', '请求格式不正确');
    }
    const spec = Object.hasOwn(apiMap, req.method) ? apiMap[req.method] : undefined;
    const handler = Object.hasOwn(handlerMap, req.method) ? handlerMap[req.method] : undefined;
    if (!spec || !handler) throw new LedgerError('UNKNOWN_METHOD', `未知的操作：${String(req.method).slice(0, 80)}`);

    let actor: Actor | null = system ?? null;
    if (!system && typeof req.session === 'string' && req.session.length > 0) {
      const found = host.sessions.touch(req.session);
      if (found === 'expired') {
        if (spec.access !== 'public') throw new LedgerError('UNAUTHENTICATED', '长时间未操作，已自动锁定，请重新登录');
      } else if (found) actor = found;
    }
    if (spec.access !== 'public') {
      if (!actor) throw new LedgerError('UNAUTHENTICATED', '请先登录');
      if (!roleSatisfies(actor.role, spec.access)) {
        const need = spec.access === 'admin' ? '管理员' : '审核人';
        throw new LedgerError('FORBIDDEN', `此操作需要“${need}”权限`);
      }
      // After an administrator's reset, nothing but choosing a new password (issue 23.7).
      if (actor.mustChangePassword && !PASSWORD_CHANGE_METHODS.has(req.method)) {
        throw new LedgerError('FORBIDDEN', PASSWORD_CHANGE_REQUIRED);
      }
    }

    const parsed = spec.input.safeParse(req.input ?? {});
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      // What a clerk reads names no internal field path ("admin.displayName"): every failing rule's own Chinese
      // message, each once; the paths stay in `fields` for the form to put each message at its field.
      const messages = [...new Set(Object.values(fields))];
      throw new LedgerError('BAD_INPUT', messages.length ? `输入有误：${messages.join('；')}` : '输入有误', fields);
    }

    const journalActor = { id: actor?.system ? null : (actor?.id ?? null), name: actor?.name ?? '系统' };
    const readCtx: ServiceContext = {
      db: ledger.db,
      ledger,
      actor,
      session: req.session ?? null,
      now,
      host,
      journal: async (...entries: JournalEntryInput[]) => {
        // A read method may still record an access (e.g. viewing a full ID number) in its own transaction.
        // (kysely's transaction waits its turn for the connection; the entries go in through prepared statements.)
        await ledger.db.transaction().execute(async () => {
          appendJournalPrepared(ledger.raw, journalActor, entries, now().toISOString());
        });
      },
    };
    if (!spec.write) return handler(readCtx, parsed.data);
    // The long part of a write method (a package build, a comparison) runs before its transaction, off the answering
    // thread, so other calls are answered meanwhile; the transaction then records its result (ledger/work/phased.ts).
    const requestId = typeof req.requestId === 'string' && req.requestId.length > 0 ? req.requestId : null;
    const prepare = preparerOf(handler);
    let prepared: PreparedBox | undefined;
    if (prepare) {
      const prior = requestId ? await replayed(ledger.db, requestId, req.method, actor) : undefined;
      if (prior !== undefined) return prior;
      prepared = { value: await prepare(readCtx, parsed.data) };
    }
    // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR); kysely's ROLLBACK then
    // fails with "no transaction is active" and would hide the real cause (found by test/unit/backup/diskfull).
    let cause: unknown;
    try {
      return await ledger.db.transaction().execute(async (trx) => {
        let journalled = 0;
        const ctx: ServiceContext = {
          ...readCtx,
          db: trx,
          journal: async (...entries: JournalEntryInput[]) => {
            journalled += entries.length;
            // The transaction is open on ledger.raw: its prepared statements append inside it.
            appendJournalPrepared(ledger.raw, journalActor, entries, now().toISOString());
          },
        };
        try {
          if (requestId) {
            const prior = await replayed(trx, requestId, req.method, actor);
            if (prior !== undefined) return prior;
          }
          const recordChange = await villageWriteGuard(trx, req.method); // a village copy: allowlist + outbox
          const out = await handler(ctx, parsed.data, prepared);
          if (journalled === 0) throw new Error(`write method ${req.method} did not journal`);
          if (recordChange) await recordChange(req.input ?? {}, out, actor, now());
          if (requestId) await remember(trx, requestId, req.method, actor, out, now());
          return out;
        } catch (e) {
          cause = e;
          throw e;
        }
      });
    } catch (e) {
      throw cause ?? e;
    }
  }

  async function answer(req: ApiRequest, system?: Actor): Promise<ApiResponse<unknown>> {
    try {
      return { ok: true, data: await run(req, system) };
    } catch (e) {
      if (e instanceof LedgerError) {
        return { ok: false, error: { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) } };
      }
      const msg = e instanceof Error ? e.message : String(e);
      if (/SQLITE_FULL|database or disk is full/i.test(msg)) {
        return { ok: false, error: { code: 'INTERNAL', message: '磁盘空间不足，操作未保存。请清理磁盘后重试' } };
      }
      if (/SQLITE_BUSY|database is locked/i.test(msg)) {
        return { ok: false, error: { code: 'CONFLICT', message: '台账正被另一操作占用，请稍后重试（本次未保存）' } };
      }
      options.logError?.(String(req?.method), e);
      return { ok: false, error: { code: 'INTERNAL', message: '内部错误，操作未保存。请联系管理员查看日志' } };
    }
  }

  return {
    dispatch: (req) => answer(req),
    dispatchAs: (actor, req) => answer(req, actor),
  };
}
