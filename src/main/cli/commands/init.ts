import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { startCore } from '../../core';
import { divisionsFor } from '../../ledger/township';
import { defaultResourcesDir } from '../../paths';
import { EXIT_OK, EXIT_USAGE, requireString, type Command } from '../command';
import { exitFor } from './session';

/** What a command that creates a ledger is given: the file, the township's code and the administrator's password. */
export const NEW_LEDGER_OPTIONS = {
  db: { type: 'string' },
  township: { type: 'string' },
  'admin-password': { type: 'string' },
} as const;

/** Why a township code cannot be one (9 digits, 国家统计局区划代码), or null. */
export const townshipCodeProblem = (code: string): string | null =>
  /^\d{9}$/.test(code) ? null : `街道/乡镇代码应为 9 位数字，收到“${code}”`;

export const initCommand: Command = {
  name: 'init',
  summary: '创建新台账：设定街道/乡镇（9 位区划代码）和第一位管理员',
  usage:
    'civil-ledger init --db 文件 --township 9位代码 [--admin-user admin] [--admin-name 管理员] [--admin-password 密码]',
  options: {
    ...NEW_LEDGER_OPTIONS,
    'admin-user': { type: 'string' },
    'admin-name': { type: 'string' },
  },
  async run(values, io) {
    const db = resolve(requireString(values, 'db'));
    const township = requireString(values, 'township');
    const badCode = townshipCodeProblem(township);
    if (badCode) {
      io.err(badCode);
      return EXIT_USAGE;
    }
    if (existsSync(db) && statSync(db).size > 0) {
      io.err(`文件“${db}”已存在，init 不会覆盖已有文件`);
      return EXIT_USAGE;
    }
    // Check the code before a file is created: bad input writes nothing.
    if (!divisionsFor(defaultResourcesDir()).street(township)) {
      io.err(`未找到街道/乡镇代码 ${township}（请使用国家统计局 9 位区划代码，如 321202001 城东街道）`);
      return EXIT_USAGE;
    }
    let password = typeof values['admin-password'] === 'string' ? values['admin-password'] : null;
    if (!password) {
      password = await io.askSecret('请设置管理员密码（至少 8 位）：');
      if (password === null) {
        io.err('没有终端可输入密码：请用 --admin-password 给出管理员密码');
        return EXIT_USAGE;
      }
    }
    const core = await startCore({ dbPath: db, create: true });
    try {
      const r = await core.dispatcher.dispatch({
        method: 'setup.init',
        input: {
          townshipCode: township,
          admin: {
            username: typeof values['admin-user'] === 'string' ? values['admin-user'] : 'admin',
            displayName: typeof values['admin-name'] === 'string' ? values['admin-name'] : '管理员',
            password,
          },
        },
      });
      if (!r.ok) {
        io.err(r.error.message);
        return exitFor(r.error.code);
      }
      const status = r.data as { township: { path: string } };
      const villages = await core.ledger.db
        .selectFrom('villages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      io.out(`已创建台账：${db}\n街道/乡镇：${status.township.path}\n村(社区)：${villages.n} 个`);
      return EXIT_OK;
    } finally {
      await core.close();
    }
  },
};
