// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import { navEntry } from '../../lib/route';

export const nav = navEntry(
  '动态管理',
  '/lifeevents/changes',
  '成员变动 changes, 死亡登记 deaths, 多发追回 overpayments, 数据比对 compare, 主动发现 leads, 动态监测 monitoring',
);
