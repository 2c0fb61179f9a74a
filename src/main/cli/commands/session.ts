// What the import, import-confirm and export commands share: the options every one of them takes, the --json
// switch (one JSON value on stdout, the human text moved to stderr) and a session on the ledger as a named user.
import type { ApiResponse } from '../../../shared/api/contract';
import { startCore } from '../../core';
import { EXIT_USAGE, type CliIO, type CliValues } from '../command';

/** The ledger file and the user the command acts as. */
export const SESSION_OPTIONS = {
  db: { type: 'string' },
  user: { type: 'string' },
} as const;

/** With --json the human text goes to stderr and stdout carries only what the command prints as JSON. */
export function jsonIo(values: CliValues, rawIo: CliIO): { json: boolean; io: CliIO } {
  const json = values.json === true;
  return { json, io: json ? { ...rawIo, out: (t: string) => rawIo.err(t) } : rawIo };
}

export type Call = <T>(method: string, input: unknown, session?: string) => Promise<ApiResponse<T>>;

/**
 * Opens the ledger, logs in as the named user (password from CIVIL_LEDGER_PASSWORD or asked on the terminal) and
 * runs `fn` with that session; the ledger is closed afterwards. A missing password ends with `fail` and the usage
 * code, a refused login with `fail` and `loginRefused`.
 */
export async function withSession(
  dbPath: string,
  username: string,
  io: CliIO,
  fail: (message: string, code: number) => number,
  fn: (call: Call, session: string) => Promise<number>,
  loginRefused: number = EXIT_USAGE,
): Promise<number> {
  let password: string | null = process.env.CIVIL_LEDGER_PASSWORD ?? null;
  if (!password) password = await io.askSecret(`用户 ${username} 的密码：`);
  if (!password) {
    return fail('没有密码：请设置环境变量 CIVIL_LEDGER_PASSWORD，或在终端中运行以输入密码', EXIT_USAGE);
  }
  const core = await startCore({ dbPath });
  try {
    const call: Call = async <T>(method: string, input: unknown, session?: string) =>
      (await core.dispatcher.dispatch({ method, input, ...(session ? { session } : {}) })) as ApiResponse<T>;
    const login = await call<{ session: string }>('auth.login', { username, password });
    if (!login.ok) return fail(`登录失败：${login.error.message}`, loginRefused);
    return await fn(call, login.data.session);
  } finally {
    await core.close();
  }
}
