// Issue 23.7: changing one's own password logs the user out everywhere else; after an administrator's reset the
// user must choose a new password before doing anything else — the flag is stored in the ledger and enforced by the
// dispatcher, not only by the login screen.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { PASSWORD_CHANGE_REQUIRED } from '../../../src/main/api/dispatcher';
import { login, makeTestCore, PASSWORD, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

const flag = (username: string) =>
  t.core.ledger.raw.prepare('SELECT must_change_password FROM users WHERE username = ?').pluck().get(username);

test("changing one's own password ends the user's other sessions; the one that changed it goes on", async () => {
  const otherPc = await login(t.core, 'clerk');
  const here = await login(t.core, 'clerk');
  const colleague = await login(t.core, 'clerk2');
  expect((await otherPc.try('villages.list', {})).ok).toBe(true);
  await here.call('auth.changePassword', { current: PASSWORD, next: 'a-new-password-2' });
  expect(await otherPc.try('villages.list', {})).toEqual({
    ok: false,
    error: { code: 'UNAUTHENTICATED', message: '请先登录' },
  });
  expect((await here.try('villages.list', {})).ok).toBe(true);
  expect((await colleague.try('villages.list', {})).ok).toBe(true); // another user is not touched
  await expect(login(t.core, 'clerk')).rejects.toThrow('登录名或密码不正确');
  expect((await login(t.core, 'clerk', 'a-new-password-2')).session).toMatch(/.+/);
});

test("after an administrator's reset the user can do nothing but choose a new password, which must differ", async () => {
  const users = await t.admin.call('users.list', {});
  const clerk = users.find((u) => u.username === 'clerk')!;
  expect(flag('clerk')).toBe(0);
  await t.admin.call('users.resetPassword', { id: clerk.id, password: 'reset-by-admin-1' });
  expect(flag('clerk')).toBe(1);

  const raw = await t.core.dispatcher.dispatch({
    method: 'auth.login',
    input: { username: 'clerk', password: 'reset-by-admin-1' },
  });
  if (!raw.ok) throw new Error(raw.error.message);
  expect((raw.data as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
  const c = t.caller((raw.data as { session: string }).session);
  for (const [method, input] of [
    ['villages.list', {}],
    ['households.list', {}],
  ] as const) {
    expect(await c.try(method, input)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: PASSWORD_CHANGE_REQUIRED },
    });
  }
  expect((await c.call('auth.me', {})).mustChangePassword).toBe(true);
  const same = await c.try('auth.changePassword', { current: 'reset-by-admin-1', next: 'reset-by-admin-1' });
  expect(same).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '新密码不能与当前密码相同' } });
  await c.call('auth.changePassword', { current: 'reset-by-admin-1', next: 'my-own-password-3' });
  expect(flag('clerk')).toBe(0);
  expect((await c.try('villages.list', {})).ok).toBe(true);
  const again = await login(t.core, 'clerk', 'my-own-password-3');
  expect((await again.call('auth.me', {})).mustChangePassword).toBe(false);
  const entry = t.core.ledger.raw
    .prepare(`SELECT reason FROM journal WHERE action = 'user.change_password' ORDER BY seq DESC`)
    .pluck()
    .get();
  expect(entry).toBe('管理员重置后本人设置新密码');
});

test('a user an administrator creates must replace the initial password at first login; the first administrator does not', async () => {
  expect(flag('admin')).toBe(0); // chose their own password in the setup wizard
  const created = await t.admin.call('users.create', {
    username: 'newclerk',
    displayName: '钱新人',
    role: 'clerk',
    password: 'initial-by-admin-1',
  });
  expect(created.mustChangePassword).toBe(true);
  expect(flag('newclerk')).toBe(1);

  const first = await t.core.dispatcher.dispatch({
    method: 'auth.login',
    input: { username: 'newclerk', password: 'initial-by-admin-1' },
  });
  if (!first.ok) throw new Error(first.error.message);
  expect((first.data as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
  const c = t.caller((first.data as { session: string }).session);
  expect(await c.try('households.list', {})).toEqual({
    ok: false,
    error: { code: 'FORBIDDEN', message: PASSWORD_CHANGE_REQUIRED },
  });
  await c.call('auth.changePassword', { current: 'initial-by-admin-1', next: 'chosen-by-me-2' });
  expect(flag('newclerk')).toBe(0);
  expect((await c.try('households.list', {})).ok).toBe(true);
  await expect(login(t.core, 'newclerk', 'initial-by-admin-1')).rejects.toThrow('登录名或密码不正确');
  const again = await login(t.core, 'newclerk', 'chosen-by-me-2');
  expect((await again.call('auth.me', {})).mustChangePassword).toBe(false);
  const entry = t.core.ledger.raw
    .prepare(`SELECT reason FROM journal WHERE action = 'user.change_password' AND entity_id = ?`)
    .pluck()
    .get(created.id);
  expect(entry).toBe('首次登录，本人设置新密码（替换管理员设定的初始密码）');
});
