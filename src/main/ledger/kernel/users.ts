// Making a login (the 用户 screen, first-run set-up, a village copy's 协理员 login), journalled as user.create with
// the login's public facts (never the password hash).
import type { ServiceContext } from './context';
import type { UsersTable } from '../db';
import { hashPassword } from './password';
import { insertVersioned } from './write';

export const journalUser = (u: Pick<UsersTable, 'username' | 'display_name' | 'role' | 'active'>) => ({
  username: u.username,
  display_name: u.display_name,
  role: u.role,
  active: u.active,
});

/** A new login, journalled (user.create). Also makes a village copy's 协理员 login (village/copy.ts). */
export async function createUser(
  ctx: Pick<ServiceContext, 'db' | 'now' | 'journal'>,
  input: { username: string; displayName: string; password: string },
  role: UsersTable['role'],
  mustChangePassword: boolean,
  at?: string,
): Promise<UsersTable> {
  const values = {
    username: input.username,
    display_name: input.displayName,
    role,
    password_hash: await hashPassword(input.password),
    failed_attempts: 0,
    locked_until: null,
    active: 1,
    must_change_password: mustChangePassword ? 1 : 0,
  };
  return insertVersioned(ctx, 'users', values, { action: 'user.create', after: journalUser(values), at });
}
