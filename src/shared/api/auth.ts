// Contract slice: first-run set-up, login, users and roles.
import { z } from 'zod';
import { method, type Role } from './contract';

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{2,32}$/, '登录名应为 2–32 位字母、数字、下划线、点或减号');
export const password = z.string().min(8, '密码至少 8 位').max(128, '密码不能超过 128 位');
export const displayName = z.string().trim().min(1, '请填写姓名').max(40, '姓名不能超过 40 个字');
export const roleSchema = z.enum(['admin', 'reviewer', 'clerk'], { message: '角色应为管理员、审核人或经办人' });

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  version: number;
}

export interface SetupStatus {
  initialized: boolean;
  township: { code: string; name: string; path: string } | null;
  schemaVersion: number;
  appVersion: string;
}

export interface LoginResult {
  session: string;
  user: UserView;
  idleMinutes: number;
}

export const authApi = {
  'setup.status': method<SetupStatus>()({ input: z.object({}), access: 'public' }),
  /** First run only: the township (9-digit street/township code) and the first administrator. */
  'setup.init': method<SetupStatus>()({
    input: z.object({
      townshipCode: z.string().regex(/^\d{9}$/, '街道/乡镇代码应为 9 位数字'),
      admin: z.object({ username, displayName, password }),
    }),
    access: 'public',
    write: true,
  }),
  'auth.login': method<LoginResult>()({
    input: z.object({ username: z.string().trim().min(1, '请输入登录名'), password: z.string().min(1, '请输入密码') }),
    access: 'public',
  }),
  'auth.logout': method<{ ok: true }>()({ input: z.object({}), access: 'public' }),
  'auth.me': method<UserView>()({ input: z.object({}), access: 'clerk' }),
  'auth.changePassword': method<{ ok: true }>()({
    input: z.object({ current: z.string().min(1, '请输入当前密码'), next: password }),
    access: 'clerk',
    write: true,
  }),
  'users.list': method<UserView[]>()({ input: z.object({}), access: 'admin' }),
  'users.create': method<UserView>()({
    input: z.object({ username, displayName, role: roleSchema, password }),
    access: 'admin',
    write: true,
  }),
  'users.update': method<UserView>()({
    input: z.object({
      id: z.string(),
      version: z.number().int(),
      displayName: displayName.optional(),
      role: roleSchema.optional(),
      active: z.boolean().optional(),
    }),
    access: 'admin',
    write: true,
  }),
  'users.resetPassword': method<UserView>()({
    input: z.object({ id: z.string(), password }),
    access: 'admin',
    write: true,
  }),
};
