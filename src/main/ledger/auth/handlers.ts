// Set-up, login, users. Personal logins only: every write in the journal names a real person.
import type { authApi, SetupStatus, UserView } from '../../../shared/api/auth';
import { LedgerError, notFound, staleEdit } from '../../../shared/errors';
import {
  actorOf,
  camelFields,
  updateLoaded,
  updateVersioned,
  hashPassword,
  verifyPassword,
  createUser,
  journalUser,
  type Handlers,
  type ServiceContext,
} from '../kernel';
import type { UsersTable } from '../db';
import { nowIso } from '../ids';
import { appendJournal } from '../journal';
import { getSetting, putSetting } from '../settings';
import { createVillagesFromDivision, divisionsFor } from '../township';
import { readCopyState } from '../village';

export const APP_VERSION = '0.1.0';
/** Failed logins before the account locks, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface TownshipSetting {
  code: string;
  name: string;
  path: string;
}

const userFields = camelFields<UsersTable>()(['id', 'username', 'display_name', 'role', 'locked_until', 'version']);

function view(u: UsersTable): UserView {
  return { ...userFields(u), active: u.active === 1, mustChangePassword: u.must_change_password === 1 };
}

/** What the journal keeps of a user: never the password hash. */

async function status(ctx: ServiceContext): Promise<SetupStatus> {
  const township = await getSetting<TownshipSetting | null>(ctx.db, 'township', null);
  const admins = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return {
    // A village copy has no administrator (only its 协理员 login) and is set up all the same.
    initialized: township !== null && (Number(admins.n) > 0 || (await readCopyState(ctx.db)) !== null),
    township,
    schemaVersion: ctx.ledger.schemaVersion,
    appVersion: APP_VERSION,
  };
}

async function loadUser(ctx: ServiceContext, id: string): Promise<UsersTable> {
  const u = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!u) throw notFound('该用户');
  return u;
}

/** A new login; the journal keeps its name, role and flags, never the password hash. */
async function assertUsernameFree(ctx: ServiceContext, username: string): Promise<void> {
  const taken = await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw new LedgerError('CONFLICT', `登录名“${username}”已被使用`, { username: '登录名已被使用' });
}

/** Why a flagged user chose a password: after an administrator's reset, or the first login of a new account. */
async function firstOwnPasswordReason(ctx: ServiceContext, userId: string): Promise<string> {
  const reset = await ctx.db
    .selectFrom('journal')
    .select('seq')
    .where('entity_id', '=', userId)
    .where('action', '=', 'user.reset_password')
    .executeTakeFirst();
  return reset ? '管理员重置后本人设置新密码' : '首次登录，本人设置新密码（替换管理员设定的初始密码）';
}

export const authHandlers: Handlers<typeof authApi> = {
  'setup.status': async (ctx) => status(ctx),

  'setup.init': async (ctx, input) => {
    const current = await status(ctx);
    if (current.initialized) throw new LedgerError('CONFLICT', '本台账已完成初始设置，不能重复设置');
    const divisions = divisionsFor(ctx.host.resourcesDir);
    const street = divisions.street(input.townshipCode);
    if (!street) {
      throw new LedgerError('BAD_INPUT', `未找到街道/乡镇代码 ${input.townshipCode}`, {
        townshipCode: '未找到该街道/乡镇',
      });
    }
    const at = nowIso(ctx.now());
    const township: TownshipSetting = {
      code: street.code,
      name: street.name,
      path: [street.province, street.city, street.county, street.name].filter(Boolean).join(' / '),
    };
    await putSetting(ctx.db, 'township', township, at);
    await ctx.journal({ action: 'township.set', entity: 'settings', entityId: 'township', after: township });
    const villages = await createVillagesFromDivision(ctx, divisions.villages(input.townshipCode));
    await ctx.journal({
      action: 'villages.seed',
      entity: 'villages',
      entityId: input.townshipCode,
      after: { count: villages.length, names: villages.map((v) => v.name) },
      reason: '初始设置：按全国行政区划代码建立村(社区)名单',
    });
    await assertUsernameFree(ctx, input.admin.username);
    await createUser(ctx, input.admin, 'admin', false, at);
    return status(ctx);
  },

  // Login writes the failure counter even when it fails, so it manages its own transaction.
  'auth.login': async (ctx, input) => {
    const at = ctx.now();
    const u = await ctx.db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
    const generic = new LedgerError('UNAUTHENTICATED', '登录名或密码不正确');
    if (!u) {
      await verifyPassword(input.password, 'scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'); // same cost as a real check
      throw generic;
    }
    if (u.active !== 1) throw new LedgerError('FORBIDDEN', '该账号已停用，请联系管理员');
    if (u.locked_until && u.locked_until > nowIso(at)) {
      const mins = Math.max(1, Math.ceil((Date.parse(u.locked_until) - at.getTime()) / 60000));
      throw new LedgerError('FORBIDDEN', `连续输错密码次数过多，账号已锁定，请 ${mins} 分钟后再试或请管理员解锁`);
    }
    const ok = await verifyPassword(input.password, u.password_hash);
    const actor = { id: u.id, name: u.display_name };
    if (!ok) {
      const failed = u.failed_attempts + 1;
      const lock = failed >= MAX_FAILED_LOGINS ? nowIso(new Date(at.getTime() + LOCK_MINUTES * 60000)) : null;
      await ctx.ledger.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ failed_attempts: lock ? 0 : failed, locked_until: lock })
          .where('id', '=', u.id)
          .execute();
        await appendJournal(trx, actor, [
          {
            action: lock ? 'auth.lockout' : 'auth.login_failed',
            entity: 'users',
            entityId: u.id,
            after: { failedAttempts: failed },
          },
        ]);
      });
      if (lock)
        throw new LedgerError('FORBIDDEN', `连续 ${MAX_FAILED_LOGINS} 次密码错误，账号已锁定 ${LOCK_MINUTES} 分钟`);
      throw new LedgerError('UNAUTHENTICATED', `登录名或密码不正确（还可再试 ${MAX_FAILED_LOGINS - failed} 次）`);
    }
    await ctx.ledger.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', u.id).execute();
      await appendJournal(trx, actor, [{ action: 'auth.login', entity: 'users', entityId: u.id }]);
    });
    const session = ctx.host.sessions.create({
      id: u.id,
      username: u.username,
      name: u.display_name,
      role: u.role,
      ...(u.must_change_password === 1 ? { mustChangePassword: true } : {}),
    });
    return {
      session,
      user: view({ ...u, failed_attempts: 0, locked_until: null }),
      idleMinutes: Math.round(ctx.host.sessions.idleMs / 60000),
    };
  },

  'auth.logout': async (ctx) => {
    if (ctx.session) ctx.host.sessions.end(ctx.session);
    return { ok: true };
  },

  'auth.me': async (ctx) => view(await loadUser(ctx, actorOf(ctx).id)),

  'auth.changePassword': async (ctx, input) => {
    const actor = actorOf(ctx);
    const u = await loadUser(ctx, actor.id);
    if (!(await verifyPassword(input.current, u.password_hash))) {
      throw new LedgerError('BAD_INPUT', '当前密码不正确', { current: '当前密码不正确' });
    }
    if (input.next === input.current) {
      throw new LedgerError('BAD_INPUT', '新密码不能与当前密码相同', { next: '请设置一个不同的新密码' });
    }
    await updateLoaded(
      ctx,
      'users',
      u,
      { password_hash: await hashPassword(input.next), must_change_password: 0 },
      {
        action: 'user.change_password',
        what: '您的账户',
        reason: u.must_change_password === 1 ? await firstOwnPasswordReason(ctx, u.id) : null,
        entry: {},
      },
    );
    // Whoever else was logged in as this user (another PC, a forgotten window) is logged out; this session goes on.
    ctx.host.sessions.endUser(u.id, ctx.session ?? undefined);
    if (ctx.session) {
      const { mustChangePassword: _done, ...rest } = actor;
      ctx.host.sessions.update(ctx.session, rest);
    }
    return { ok: true };
  },

  'users.list': async (ctx) => {
    const rows = await ctx.db.selectFrom('users').selectAll().orderBy('created_at').execute();
    return rows.map(view);
  },

  'users.create': async (ctx, input) => {
    await assertUsernameFree(ctx, input.username);
    // The administrator typed this password: the user replaces it at first login (see DECISIONS, Sessions).
    const user = await createUser(ctx, input, input.role, true);
    return view(user);
  },

  'users.update': async (ctx, input) => {
    const u = await loadUser(ctx, input.id);
    const what = `用户“${u.display_name}”`;
    if (u.version !== input.version) throw staleEdit(what);
    const patch = {
      display_name: input.displayName ?? u.display_name,
      role: input.role ?? u.role,
      active: input.active === undefined ? u.active : input.active ? 1 : 0,
    };
    const next: UsersTable = { ...u, ...patch };
    if (u.role === 'admin' && (next.role !== 'admin' || next.active !== 1)) {
      const others = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .where('id', '!=', u.id)
        .executeTakeFirst();
      if (!others) throw new LedgerError('RULE', '至少要保留一名启用的管理员');
    }
    const saved = await updateVersioned(ctx, 'users', u.id, input.version, patch, {
      action: 'user.update',
      what,
      current: u,
      entry: { before: journalUser(u), after: journalUser(next) },
    });
    if (next.role !== u.role || next.active !== 1) ctx.host.sessions.endUser(u.id);
    return view(saved);
  },

  'users.resetPassword': async (ctx, input) => {
    const u = await loadUser(ctx, input.id);
    const next = await updateLoaded(
      ctx,
      'users',
      u,
      {
        password_hash: await hashPassword(input.password),
        failed_attempts: 0,
        locked_until: null,
        must_change_password: 1,
      },
      { action: 'user.reset_password', what: `用户“${u.display_name}”`, reason: '管理员重置密码并解锁', entry: {} },
    );
    ctx.host.sessions.endUser(u.id);
    return view(next);
  },
};
