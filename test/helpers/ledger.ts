// A fresh, real ledger file in a temp folder, set up with a real township and one user per role, driven through
// the real dispatcher — the way the app and the CLI drive it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Api, MethodName } from '../../src/shared/api';
import type { ApiResponse, InputOf, OutputOf } from '../../src/shared/api/contract';
import { startCore, type Core, type StartCoreOptions } from '../../src/main/core';
import { ensureDivisions } from './divisions';

/** 江苏省 泰州市 海陵区 城东街道. */
export const TEST_TOWNSHIP = '321202001';
export const PASSWORD = 'test-password-1';

export interface Caller {
  session: string;
  call<M extends MethodName>(method: M, input: InputOf<Api[M]>): Promise<OutputOf<Api[M]>>;
  /** The raw response, for asserting on errors. */
  try<M extends MethodName>(method: M, input: InputOf<Api[M]>): Promise<ApiResponse<OutputOf<Api[M]>>>;
}

export interface TestCore {
  core: Core;
  dir: string;
  dbPath: string;
  admin: Caller;
  reviewer: Caller;
  clerk: Caller;
  /** A second clerk, for maker-checker and stale-edit tests. */
  clerk2: Caller;
  caller(session: string): Caller;
  close(): Promise<void>;
}

export function makeCaller(core: Core, session: string): Caller {
  const tryCall = async (method: string, input: unknown) =>
    core.dispatcher.dispatch({ method, input, session }) as Promise<ApiResponse<never>>;
  return {
    session,
    try: tryCall as Caller['try'],
    call: (async (method: string, input: unknown) => {
      const r = await tryCall(method, input);
      if (!r.ok) throw new Error(`${method}: [${r.error.code}] ${r.error.message}`);
      return r.data;
    }) as Caller['call'],
  };
}

export async function login(core: Core, username: string, password = PASSWORD): Promise<Caller> {
  const r = await core.dispatcher.dispatch({ method: 'auth.login', input: { username, password } });
  if (!r.ok) throw new Error(`login ${username}: ${r.error.message}`);
  return makeCaller(core, (r.data as { session: string }).session);
}

export interface MakeTestCoreOptions {
  now?: () => Date;
  /** 局域网共享 (office network) for tests of the office host. */
  network?: StartCoreOptions['network'];
}

/**
 * A user an administrator creates must replace the initial password at first login. The test users stand for people
 * who already did (and kept PASSWORD); the first-login flow itself is tested in test/unit/security/.
 */
export function alreadyChosePassword(core: Core, usernames: readonly string[]): void {
  const clear = core.ledger.raw.prepare(`UPDATE users SET must_change_password = 0 WHERE username = ?`);
  for (const u of usernames) clear.run(u);
}

export async function makeTestCore(options: MakeTestCoreOptions = {}): Promise<TestCore> {
  ensureDivisions();
  const dir = mkdtempSync(join(tmpdir(), 'civil-ledger-test-'));
  const dbPath = join(dir, 'test.ledger');
  const core = await startCore({
    dbPath,
    create: true,
    ...(options.now ? { now: options.now } : {}),
    ...(options.network ? { network: options.network } : {}),
  });
  const init = await core.dispatcher.dispatch({
    method: 'setup.init',
    input: { townshipCode: TEST_TOWNSHIP, admin: { username: 'admin', displayName: '王管理', password: PASSWORD } },
  });
  if (!init.ok) throw new Error(init.error.message);
  const admin = await login(core, 'admin');
  for (const [username, displayName, role] of [
    ['reviewer', '李审核', 'reviewer'],
    ['clerk', '张经办', 'clerk'],
    ['clerk2', '赵经办', 'clerk'],
  ] as const) {
    await admin.call('users.create', { username, displayName, role, password: PASSWORD });
  }
  alreadyChosePassword(core, ['reviewer', 'clerk', 'clerk2']);
  return {
    core,
    dir,
    dbPath,
    admin,
    reviewer: await login(core, 'reviewer'),
    clerk: await login(core, 'clerk'),
    clerk2: await login(core, 'clerk2'),
    caller: (s) => makeCaller(core, s),
    close: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
