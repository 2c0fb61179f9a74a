// What the commands acting as a named user share: the options (--db, --user), the --json switch (one JSON value on
// stdout, the human text moved to stderr), the user's password, a session on the ledger through the dispatcher, and
// what a refused call means for the exit code.
import type { ApiResponse } from '../../../shared/api/contract';
import { LedgerError } from '../../../shared/errors';
import { startCore, type Core } from '../../core';
import { EXIT_FAILURE, EXIT_USAGE, type CliIO, type CliValues } from '../command';

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

export const NO_PASSWORD = '没有密码：请设置环境变量 CIVIL_LEDGER_PASSWORD，或在终端中运行以输入密码';

/** The user's password: CIVIL_LEDGER_PASSWORD, else asked on the terminal with `prompt`; null when neither gives one. */
export async function passwordOf(io: CliIO, prompt: string): Promise<string | null> {
  const password = process.env.CIVIL_LEDGER_PASSWORD ?? null;
  return password ? password : await io.askSecret(prompt);
}

/** The exit code of a refused call: bad input is the caller's (2), anything else a failure (1). */
export const exitFor = (code: string): number => (code === 'BAD_INPUT' ? EXIT_USAGE : EXIT_FAILURE);

/** The data of a call that went through; a refusal is thrown as the LedgerError it was. */
export function dataOf<T>(r: ApiResponse<unknown>): T {
  if (!r.ok) throw new LedgerError(r.error.code, r.error.message, r.error.fields);
  return r.data as T;
}

export type Call = <T>(method: string, input: unknown, session?: string) => Promise<ApiResponse<T>>;

/** Calls the core's dispatcher, as the session's user when a session is given. */
export const callerOf =
  (core: Core): Call =>
  async <T>(method: string, input: unknown, session?: string) =>
    (await core.dispatcher.dispatch({ method, input, ...(session ? { session } : {}) })) as ApiResponse<T>;

/** Prints a failure on stderr and returns its exit code. */
export const failOn =
  (io: CliIO) =>
  (message: string, code: number): number => {
    io.err(message);
    return code;
  };

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
  const password = await passwordOf(io, `用户 ${username} 的密码：`);
  if (!password) return fail(NO_PASSWORD, EXIT_USAGE);
  const core = await startCore({ dbPath });
  try {
    const call = callerOf(core);
    const login = await call<{ session: string }>('auth.login', { username, password });
    if (!login.ok) return fail(`登录失败：${login.error.message}`, loginRefused);
    return await fn(call, login.data.session);
  } finally {
    await core.close();
  }
}
