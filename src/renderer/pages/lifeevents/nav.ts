// The sidebar entry of these pages: loaded with the shell, apart from the pages themselves (loaded when opened).
import type { NavEntry } from '../../lib/route';

export const nav: NavEntry = {
  label: '动态管理',
  path: '/lifeevents/changes',
  children: [
    { label: '成员变动', path: '/lifeevents/changes' },
    { label: '死亡登记', path: '/lifeevents/deaths' },
    { label: '多发追回', path: '/lifeevents/overpayments' },
    { label: '数据比对', path: '/lifeevents/compare' },
    { label: '主动发现', path: '/lifeevents/leads' },
    { label: '动态监测', path: '/lifeevents/monitoring' },
  ],
};
