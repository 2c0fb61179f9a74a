// `civil-ledger village copy`: a village copy of the office ledger for one or more villages (docs/EXCHANGE.md).
import { resolve } from 'node:path';
import { LedgerError } from '../../../shared/errors';
import { startCore } from '../../core';
import { verifyPassword, type Actor } from '../../ledger/kernel';
import type { Ledger } from '../../ledger/db';
import type { VillageCopyView } from '../../../shared/api/village';
import { makeVillageCopy } from '../../ledger/village';
import { EXIT_OK, UsageError, requireString, type CliIO, type CliValues, type Command } from '../command';
import { NO_PASSWORD, passwordOf, SESSION_OPTIONS } from './session';

/**
 * Checks a user's password without logging in: nothing is written to the ledger (an exchange import that is refused
 * must leave the office file byte-identical). Throws in Chinese.
 */
export async function authenticate(
  ledger: Ledger,
  username: string,
  io: CliIO,
  need: 'admin' | 'clerk',
): Promise<Actor> {
  const password = await passwordOf(io, `用户 ${username} 的密码：`);
  if (!password) throw new UsageError(NO_PASSWORD);
  const u = await ledger.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const ok = u ? await verifyPassword(password, u.password_hash) : false;
  if (!u || !ok || !u.active) throw new LedgerError('UNAUTHENTICATED', '登录失败：登录名或密码不正确，或账号已停用');
  if (u.locked_until && u.locked_until > new Date().toISOString()) {
    throw new LedgerError('UNAUTHENTICATED', '登录失败：账号因多次输错密码已暂时锁定');
  }
  if (need === 'admin' && u.role !== 'admin') throw new LedgerError('FORBIDDEN', '此操作需要“管理员”权限');
  return { id: u.id, username: u.username, name: u.display_name, role: u.role };
}

export const villageCommand: Command = {
  name: 'village copy',
  summary: '村级副本：为一个或几个村（社区）制作只含这些村数据的台账副本，带村协理员登录和签名密钥',
  usage:
    'civil-ledger village copy --db 办公室台账 --village 代码或名称[,…] --out 副本文件 --user 管理员登录名 ' +
    '[--login 协理员登录名] [--login-name 协理员姓名]\n' +
    '  管理员密码取自环境变量 CIVIL_LEDGER_PASSWORD；副本登录的密码取自 CIVIL_LEDGER_COPY_PASSWORD，没有时在终端询问。',
  options: {
    ...SESSION_OPTIONS,
    village: { type: 'string' },
    out: { type: 'string' },
    login: { type: 'string' },
    'login-name': { type: 'string' },
  },
  async run(values: CliValues, io: CliIO) {
    return runVillageCopy(values, io);
  },
};

async function runVillageCopy(values: CliValues, io: CliIO): Promise<number> {
  const dbPath = resolve(requireString(values, 'db'));
  const villages = requireString(values, 'village').split(/[,，、]/);
  const out = resolve(requireString(values, 'out'));
  const username = requireString(values, 'user');
  const login = typeof values.login === 'string' && values.login ? values.login : 'xieli';
  const loginName =
    typeof values['login-name'] === 'string' && values['login-name'] ? values['login-name'] : '村协理员';
  const core = await startCore({ dbPath });
  try {
    const admin = await authenticate(core.ledger, username, io, 'admin');
    let copyPassword: string | null = process.env.CIVIL_LEDGER_COPY_PASSWORD ?? null;
    if (!copyPassword) copyPassword = await io.askSecret(`副本登录 ${login} 的密码：`);
    if (!copyPassword || copyPassword.length < 8) {
      throw new UsageError('副本登录的密码至少 8 位：请设置环境变量 CIVIL_LEDGER_COPY_PASSWORD，或在终端中输入');
    }
    const made = await makeVillageCopy({
      office: core.ledger,
      source: { path: core.ledger.path },
      villages,
      out,
      admin: { id: admin.id, name: admin.name },
      login: { username: login, displayName: loginName, password: copyPassword },
      officeDataDir: core.dataDir,
    });
    io.out(`已制作村级副本：${out}`);
    io.out(`副本编号：${made.copyId}`);
    io.out(`村（社区）：${made.villageNames.join('、')}`);
    io.out(
      `含 ${made.rows.households ?? 0} 户、${made.rows.people ?? 0} 人、${made.rows.cases ?? 0} 件救助；登录名 ${login}（协理员）`,
    );
    io.out(
      `附件文件 ${made.files.copied} 个已放在副本旁（${out}.files）` +
        (made.files.missing > 0 ? `；办公室缺少 ${made.files.missing} 个附件文件，未能带上` : ''),
    );
    return EXIT_OK;
  } finally {
    await core.close();
  }
}

export const villageRevokeCommand: Command = {
  name: 'village revoke',
  summary: '村级副本：停用一个村级副本（笔记本丢失、协理员离任），此后它的变更文件一律拒绝导入',
  usage:
    'civil-ledger village revoke --db 办公室台账 --copy 副本编号 --reason 停用原因 --user 管理员登录名\n' +
    '  管理员密码取自环境变量 CIVIL_LEDGER_PASSWORD，没有时在终端询问。',
  options: { ...SESSION_OPTIONS, copy: { type: 'string' }, reason: { type: 'string' } },
  async run(values: CliValues, io: CliIO) {
    const dbPath = resolve(requireString(values, 'db'));
    const copyId = requireString(values, 'copy');
    const reason = requireString(values, 'reason');
    const core = await startCore({ dbPath });
    try {
      const admin = await authenticate(core.ledger, requireString(values, 'user'), io, 'admin');
      const copy = await core.ledger.db
        .selectFrom('village_copies')
        .select('version')
        .where('id', '=', copyId)
        .executeTakeFirst();
      if (!copy) throw new LedgerError('NOT_FOUND', `本台账没有编号为 ${copyId} 的村级副本`);
      // Through the dispatcher as the administrator, like 停用 on the 村级副本 screen.
      const r = await core.dispatcher.dispatchAs(admin, {
        method: 'village.revokeCopy',
        input: { copyId, version: copy.version, reason },
      });
      if (!r.ok) throw new LedgerError(r.error.code, r.error.message, r.error.fields);
      const view = r.data as VillageCopyView;
      io.out(`已停用村级副本 ${copyId}（${view.villageNames.join('、')}）：此后它的变更文件一律拒绝导入`);
      return EXIT_OK;
    } finally {
      await core.close();
    }
  },
};
