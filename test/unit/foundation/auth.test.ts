// Personal logins with roles: slow hashes, lockout after repeated failures, idle expiry, role checks, stale edits.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/main/ledger/kernel';
import { SessionStore } from '../../../src/main/api/sessions';
import { makeTestCore, PASSWORD, type TestCore } from '../../helpers/ledger';

let t: TestCore;
beforeEach(async () => {
  t = await makeTestCore();
});
afterEach(async () => {
  await t.close();
});

test('passwords are stored as salted scrypt hashes, never as text', async () => {
  const rows = await t.core.ledger.db.selectFrom('users').select(['username', 'password_hash']).execute();
  for (const r of rows) {
    expect(r.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(r.password_hash).not.toContain(PASSWORD);
  }
  const a = await hashPassword('同一个密码');
  const b = await hashPassword('同一个密码');
  expect(a).not.toBe(b);
  expect(await verifyPassword('同一个密码', a)).toBe(true);
  expect(await verifyPassword('另一个密码', a)).toBe(false);
});

test('the fifth wrong password locks the account, even the right password is then refused', async () => {
  const login = (password: string) =>
    t.core.dispatcher.dispatch({ method: 'auth.login', input: { username: 'clerk', password } });
  const messages: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await login('wrong-password');
    messages.push(r.ok ? 'ok' : r.error.message);
  }
  expect(messages[0]).toBe('登录名或密码不正确（还可再试 4 次）');
  expect(messages[3]).toBe('登录名或密码不正确（还可再试 1 次）');
  expect(messages[4]).toBe('连续 5 次密码错误，账号已锁定 15 分钟');
  const r = await login(PASSWORD);
  expect(!r.ok && r.error.message).toMatch(/^连续输错密码次数过多，账号已锁定，请 \d+ 分钟后再试或请管理员解锁$/);
  // The administrator unlocks by resetting the password.
  const users = await t.admin.call('users.list', {});
  const clerk = users.find((u) => u.username === 'clerk')!;
  await t.admin.call('users.resetPassword', { id: clerk.id, password: 'new-password-2' });
  expect((await login('new-password-2')).ok).toBe(true);
  const actions = await t.core.ledger.db
    .selectFrom('journal')
    .select('action')
    .where('entity_id', '=', clerk.id)
    .execute();
  expect(actions.map((a) => a.action)).toEqual(
    expect.arrayContaining(['auth.login_failed', 'auth.lockout', 'user.reset_password']),
  );
});

test('an unknown user gets the same message as a wrong password', async () => {
  const r = await t.core.dispatcher.dispatch({ method: 'auth.login', input: { username: 'nobody', password: 'x' } });
  expect(!r.ok && r.error.message).toBe('登录名或密码不正确');
});

describe('roles', () => {
  test('a clerk cannot manage users; the message names the role needed', async () => {
    const r = await t.clerk.try('users.create', {
      username: 'x1',
      displayName: '某人',
      role: 'clerk',
      password: PASSWORD,
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'FORBIDDEN', message: '此操作需要“管理员”权限' });
  });

  test('without a session nothing but the public methods answer', async () => {
    const r = await t.core.dispatcher.dispatch({ method: 'villages.list', input: {} });
    expect(!r.ok && r.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    const s = await t.core.dispatcher.dispatch({ method: 'setup.status', input: {} });
    expect(s.ok && s.data).toMatchObject({ initialized: true, township: { code: '321202001', name: '城东街道' } });
  });

  test('set-up cannot be run twice', async () => {
    const r = await t.core.dispatcher.dispatch({
      method: 'setup.init',
      input: { townshipCode: '321202002', admin: { username: 'evil', displayName: '某人', password: 'password-123' } },
    });
    expect(!r.ok && r.error.message).toBe('本台账已完成初始设置，不能重复设置');
  });

  test('the last administrator cannot be demoted or disabled', async () => {
    const me = await t.admin.call('auth.me', {});
    const r = await t.admin.try('users.update', { id: me.id, version: me.version, role: 'clerk' });
    expect(!r.ok && r.error.message).toBe('至少要保留一名启用的管理员');
  });
});

test('a stale edit of a user is refused and writes nothing', async () => {
  const users = await t.admin.call('users.list', {});
  const clerk = users.find((u) => u.username === 'clerk')!;
  await t.admin.call('users.update', { id: clerk.id, version: clerk.version, displayName: '张经办（一）' });
  const r = await t.admin.try('users.update', { id: clerk.id, version: clerk.version, displayName: '张经办（二）' });
  expect(!r.ok && r.error.message).toBe('用户“张经办（一）”已被他人修改，请刷新后重新编辑（您的修改未保存）');
  const after = (await t.admin.call('users.list', {})).find((u) => u.id === clerk.id)!;
  expect(after.displayName).toBe('张经办（一）');
});

test('a session expires after the idle limit', () => {
  let now = 0;
  const store = new SessionStore(15 * 60 * 1000, () => now);
  const token = store.create({ id: 'u', username: 'u', name: '某人', role: 'clerk' });
  now = 14 * 60 * 1000;
  expect(store.touch(token)).toMatchObject({ id: 'u' });
  now += 15 * 60 * 1000 + 1;
  expect(store.touch(token)).toBe('expired');
  expect(store.touch(token)).toBeNull();
});

test('bad input names the field in Chinese and writes nothing', async () => {
  const r = await t.admin.try('users.create', { username: '张三', displayName: '', role: 'clerk', password: '123' });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe('BAD_INPUT');
    expect(r.error.fields).toMatchObject({
      username: '登录名应为 2–32 位字母、数字、下划线、点或减号',
      displayName: '请填写姓名',
      password: '密码至少 8 位',
    });
  }
});
